#!/usr/bin/env python3
"""Executes a notebook through a Jupyter client (nbclient), as JupyterLab or Jupyter Notebook would.

Every cell runs, even after a failure, and the executed copy is written with all outputs. The exit
code says how it went:

  0  every cell ran without an error output
  1  a cell reported an error: each one is named on stderr (position, id, error)
  2  the notebook could not be executed (no such kernel, the kernel died, a cell timed out)
  3  this Python has no nbclient

Usage: execute_notebook.py NOTEBOOK --output EXECUTED [--kernel .net-csharp] [--cwd FOLDER]
                           [--timeout SECONDS] [--messages FILE]
"""

import argparse
import json
import os
import sys
import time

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from jupyter_client.kernelspec import NoSuchKernel
except ImportError as missing:
    print(
        f"{sys.executable} cannot import {missing.name}: install nbclient and jupyter_client "
        "(Debian: apt-get install -y python3-nbclient jupyter-client).",
        file=sys.stderr,
    )
    sys.exit(3)


class RecordingClient(NotebookClient):
    """An ordinary NotebookClient that also keeps each output message the kernel sent, per cell."""

    def __init__(self, nb, **kwargs):
        super().__init__(nb, **kwargs)
        self.messages = []

    def process_message(self, msg, cell, cell_index):
        content = msg.get("content", {})
        self.messages.append(
            {
                "cell": cell_index,
                "msg_type": msg["msg_type"],
                "display_id": msg["content"].get("transient", {}).get("display_id"),
                "mime_types": sorted(content.get("data", {})),
                "text": content.get("data", {}).get("text/plain", content.get("text")),
            }
        )
        return super().process_message(msg, cell, cell_index)


def cell_name(index, cell):
    return f"cell {index} (id {cell.get('id', '?')})"


def describe(cell, error):
    """The error's first line; for a compile error, which the kernel reports as "compilation error",
    the diagnostics it wrote to stderr just before."""
    text = error.evalue.strip().splitlines()[0] if error.evalue.strip() else error.ename
    diagnostics = [
        line.strip()
        for output in cell.outputs
        if output.output_type == "stream" and output.name == "stderr"
        for line in output.text.splitlines()
        if line.strip()
    ]
    return f"{text}: {' '.join(diagnostics)}" if diagnostics else text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--output", required=True, help="where to write the executed copy")
    parser.add_argument("--kernel", default=".net-csharp", help="kernelspec name (default .net-csharp)")
    parser.add_argument("--cwd", help="the kernel's working directory (default: the notebook's folder)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds a cell may run (default 120)")
    parser.add_argument("--messages", help="also write the kernel's output messages here, as JSON")
    args = parser.parse_args()

    notebook = nbformat.read(args.notebook, as_version=4)
    cwd = args.cwd or os.path.dirname(os.path.abspath(args.notebook))
    client = RecordingClient(
        notebook,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=120,
        allow_errors=True,
        resources={"metadata": {"path": cwd}},
    )

    started = time.monotonic()
    problem = None
    try:
        client.execute()
    except NoSuchKernel:
        problem = f"No Jupyter kernel named {args.kernel}: install it with 'dotnet interactive jupyter install'."
    except CellTimeoutError as timeout:
        problem = f"A cell ran longer than {args.timeout} s: {timeout}"
    except DeadKernelError as dead:
        problem = f"The kernel died: {dead}"
    except RuntimeError as error:
        problem = f"The kernel could not be used: {error}"
    elapsed = time.monotonic() - started

    nbformat.write(notebook, args.output)
    if args.messages:
        with open(args.messages, "w", encoding="utf-8") as file:
            json.dump(client.messages, file, indent=1)

    code_cells = [(index, cell) for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"]
    failed = [
        (index, cell, output)
        for index, cell in code_cells
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    for index, cell, output in failed:
        print(f"{cell_name(index, cell)} failed: {describe(cell, output)}", file=sys.stderr)
    print(f"{len(code_cells)} code cells, {len(failed)} failed, {elapsed:.1f} s; executed copy: {args.output}")

    if problem:
        print(problem, file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
