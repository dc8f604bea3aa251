import sys

from tracker.cli import PROG, run

sys.exit(run(prog=PROG))
