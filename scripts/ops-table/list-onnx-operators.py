"""Writes src/model/onnx-operators.json: every operator of the default ONNX domain, the opsets it changed in, and whether it is deprecated.

Run with Debian's python3-onnx:  /usr/bin/python3 scripts/ops-table/list-onnx-operators.py
The list is as complete as the installed onnx package (its highest opset is recorded in the file):
operators added in later opsets appear in the README table once a newer onnx regenerates the list,
or as supported already when a converter for them is registered (see src/model/ops-table.ts).
"""
import json
import os

import onnx
import onnx.defs

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'model', 'onnx-operators.json')


def main():
    versions = {}
    for schema in onnx.defs.get_all_schemas_with_history():
        if schema.domain == '':
            versions.setdefault(schema.name, set()).add(schema.since_version)
    latest = {s.name: s for s in onnx.defs.get_all_schemas() if s.domain == ''}
    operators = [
        {'name': name, 'versions': sorted(versions[name]), 'deprecated': bool(latest[name].deprecated)}
        for name in sorted(versions)
    ]
    document = {
        'source': f'onnx {onnx.__version__}, default domain',
        'maxOpset': onnx.defs.onnx_opset_version(),
        'operators': operators,
    }
    # One operator a line: a new onnx version shows as a readable diff.
    lines = [json.dumps(op) for op in operators]
    head = json.dumps({k: v for k, v in document.items() if k != 'operators'})[:-1]
    with open(OUT, 'w') as f:
        f.write(head + ', "operators": [\n  ' + ',\n  '.join(lines) + '\n]}\n')
    print(OUT, len(operators), 'operators up to opset', document['maxOpset'])


if __name__ == '__main__':
    main()
