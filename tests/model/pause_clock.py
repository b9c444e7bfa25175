"""The game's clock: wall-clock seconds minus the seconds the Oracle spent paused (SPEC §4).

While the Oracle is paused nobody can stake, so no dispute window, open period or arbitration
timeout may run out then: each counts only unpaused seconds. A window open when a pause began
resumes after the unpause with exactly the time it had left.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Pause:
    """One finished pause, in unix seconds: `[start_s, end_s)`."""

    start_s: int
    end_s: int


@dataclass(slots=True)
class PauseClock:
    """Every finished pause in time order, and the start of the ongoing one (None if none)."""

    pauses: list[Pause] = field(default_factory=list)
    paused_since_s: int | None = None

    def pause(self, now_s: int) -> None:
        self.paused_since_s = now_s

    def unpause(self, now_s: int) -> None:
        if self.paused_since_s is None:
            raise ValueError("the clock is not paused")
        self.pauses.append(Pause(self.paused_since_s, now_s))
        self.paused_since_s = None

    def paused_before_s(self, moment_s: int) -> int:
        """Seconds spent paused before `moment_s` (the ongoing pause counts up to it)."""
        total_s = sum(
            min(moment_s, pause.end_s) - pause.start_s
            for pause in self.pauses
            if pause.start_s <= moment_s
        )
        if self.paused_since_s is not None and moment_s >= self.paused_since_s:
            total_s += moment_s - self.paused_since_s
        return total_s

    def active_since_s(self, start_s: int, now_s: int) -> int:
        """Unpaused seconds from `start_s` to `now_s`."""
        return (now_s - start_s) - (self.paused_before_s(now_s) - self.paused_before_s(start_s))

    def window_end_s(self, start_s: int, period_s: int, now_s: int) -> int:
        """The first time a window opened at `start_s` for `period_s` unpaused seconds is
        closed. During a pause that began while it was open, the earliest it can be: as if
        the Oracle were unpaused at `now_s`."""
        end_s = start_s + period_s
        for pause in self.pauses:
            if pause.start_s < start_s:
                continue
            if pause.start_s >= end_s:
                break
            end_s += pause.end_s - pause.start_s
        if self.paused_since_s is not None and self.paused_since_s < end_s:
            end_s += now_s - self.paused_since_s
        return end_s
