# A two-layer ReLU MLP and its squared-error loss in NumPy. Put the cursor on the loss line and run
# "Gradient Inspector: Check Gradient", or hover W1 in it.
import numpy as np

W1 = np.array([[0.2, -0.5], [0.8, 0.1], [-0.3, 0.7]])
b1 = np.array([0.1, -0.2, 0.05])
W2 = np.array([[0.6, -0.4, 0.3]])
b2 = np.array([0.2])
x = np.array([1.5, -0.5])
y = np.array([0.4])
loss = 0.5 * np.sum((W2 @ np.maximum(W1 @ x + b1, 0) + b2 - y) ** 2)
