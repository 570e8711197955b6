# The lecture's examples. Put the cursor on the last line of a block (or select an expression) and
# run "Gradient Inspector: Check Gradient" (Ctrl+Alt+G / Cmd+Alt+G), or hover a variable.
import numpy as np

# A circuit at x = -2, y = 5, z = -4: f = -12, and the gradients are -4, -4 and 3.
x = -2.0
y = 5.0
z = -4.0
f = (x + y) * z

# The sigmoid neuron at w0 = 2, x0 = -1, w1 = -3, x1 = -2, w2 = -3.
w0 = 2.0
x0 = -1.0
w1 = -3.0
x1 = -2.0
w2 = -3.0
out = 1 / (1 + np.exp(-(w0 * x0 + w1 * x1 + w2)))

# The analytic method: d/dx sin(5 exp(x)) = 5 cos(5 exp(x)) exp(x).
x = 0.3
g = np.sin(5 * np.exp(x))
