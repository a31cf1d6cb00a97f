"""Runs many AWS CLI commands in one Python process (tests/cli.rs).

Reads a JSON list of argument lists on stdin; writes a JSON list of
{"rc": int, "stdout": str, "stderr": str}, one per command. Each command gets a
fresh driver, as `aws` would: the CLI's handlers accumulate across calls on one.
The input skeleton picks an enum value at random; here it is the first, which
is what the generated tool prints.
"""
import contextlib
import io
import json
import random
import sys

random.choice = lambda seq: seq[0]

from awscli.clidriver import create_clidriver  # noqa: E402


def run(args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = create_clidriver().main(args)
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else 255
    return {"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()}


json.dump([run(args) for args in json.load(sys.stdin)], sys.stdout)
