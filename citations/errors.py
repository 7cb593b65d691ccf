"""One exception type for every problem a user can fix; the CLI prints it as one line and exits 2."""


class CiteauditError(Exception):
    """A user-facing error: bad input, a missing file, a server that is down."""
