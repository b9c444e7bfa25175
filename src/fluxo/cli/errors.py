"""How every `fluxo` command ends when something goes wrong: one line naming what failed, never
a traceback, and an exit code a script can branch on.

    with reporting(console, "feed read"):
        ...

Exit codes: 2 for a user mistake (a bad flag, value, file or key: `UsageError`), 1 for anything
else Fluxo anticipated (an unreachable RPC, a reverted transaction, a `Refused` action), 3 for a
bug.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

import typer
from rich.console import Console
from rich.markup import escape

from fluxo.exceptions import FluxoError, UsageError

EXIT_FAILURE: Final = 1
EXIT_USAGE: Final = 2
EXIT_BUG: Final = 3


@contextmanager
def reporting(console: Console, command: str) -> Iterator[None]:
    """Turn the errors of the block into a message and an exit code."""
    try:
        yield
    except typer.Exit:
        raise
    except UsageError as error:
        console.print(f"[bold red]{escape(command)}:[/] {escape(str(error))}")
        raise typer.Exit(code=EXIT_USAGE) from error
    except FluxoError as error:
        console.print(f"[bold red]{escape(command)} failed:[/] {escape(str(error))}")
        raise typer.Exit(code=EXIT_FAILURE) from error
    except KeyboardInterrupt:
        console.print(f"[yellow]{escape(command)} interrupted[/]")
        raise typer.Exit(code=130) from None
    except Exception as error:  # a bug: still one line, and the type to report it by
        console.print(
            f"[bold red]{escape(command)} failed unexpectedly:[/] "
            f"{type(error).__name__}: {escape(str(error))}"
        )
        raise typer.Exit(code=EXIT_BUG) from error


class Refused(FluxoError):
    """What was asked cannot happen now (a faucet cooling down, a closed window, nothing to
    claim), found by reading the chain before sending: nothing was sent. Exit 1: the command
    may succeed later, unchanged."""
