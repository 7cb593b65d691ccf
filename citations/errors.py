"""One exception type for every problem a user can fix; the CLI prints it as one line and exits 2."""
import sys


class CiteauditError(Exception):
    """A user-facing error: bad input, a missing file, a server that is down."""


def warn(message: str) -> None:
    """One line on stderr for something the user should know but that does not stop the run."""
    print(f"citeaudit: warning: {message}", file=sys.stderr)
