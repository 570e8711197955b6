"""A two-layer network (affine - relu - affine - softmax) built from layer functions, with the
backward chained through the layers. `gradient-inspector check examples/layers.py` checks every
hand-written gradient (dX, dW1, db1, dh, dW2, db2, dscores) against autograd and central
differences; break one (drop the `/= N` in softmax_loss) to see the diagnosis."""
import numpy as np


def affine_forward(x, w, b):
    out = x.reshape(x.shape[0], -1).dot(w) + b
    return out, (x, w, b)


def affine_backward(dout, cache):
    x, w, b = cache
    dx = dout.dot(w.T).reshape(x.shape)
    dw = x.reshape(x.shape[0], -1).T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dw, db


def relu_forward(x):
    return np.maximum(0, x), x


def relu_backward(dout, cache):
    dx = dout.copy()
    dx[cache <= 0] = 0
    return dx


def affine_relu_forward(x, w, b):
    a, fc_cache = affine_forward(x, w, b)
    out, relu_cache = relu_forward(a)
    cache = (fc_cache, relu_cache)
    return out, cache


def affine_relu_backward(dout, cache):
    fc_cache, relu_cache = cache
    da = relu_backward(dout, relu_cache)
    dx, dw, db = affine_backward(da, fc_cache)
    return dx, dw, db


def softmax_loss(x, y):
    shifted = x - np.max(x, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    N = x.shape[0]
    loss = -np.sum(log_probs[np.arange(N), y]) / N
    dx = np.exp(log_probs)
    dx[np.arange(N), y] -= 1
    dx /= N
    return loss, dx


np.random.seed(7)
X = np.random.randn(4, 5)
y = np.array([1, 0, 2, 1])
W1 = np.random.randn(5, 6) * 0.5
b1 = np.random.randn(6) * 0.1
W2 = np.random.randn(6, 3) * 0.5
b2 = np.random.randn(3) * 0.1
h, cache1 = affine_relu_forward(X, W1, b1)
scores, cache2 = affine_forward(h, W2, b2)
loss, dscores = softmax_loss(scores, y)
dh, dW2, db2 = affine_backward(dscores, cache2)
dX, dW1, db1 = affine_relu_backward(dh, cache1)
loss
