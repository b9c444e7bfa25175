"""Points in time on the command line: unix seconds or ISO 8601 with a time zone."""

from datetime import datetime

from fluxo.exceptions import ConfigError


def parse_time(text: str, flag: str) -> int:
    """`text` as unix seconds: digits are taken as they are, anything else must be an ISO 8601
    date and time with its zone (`2030-01-01T12:00:00Z`, `...+02:00`). A time without a zone
    is refused: guessing the zone would move a settlement by hours."""
    cleaned = text.strip()
    if cleaned.isdigit():
        return int(cleaned)
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError as error:
        raise ConfigError(
            flag, text, "neither unix seconds nor an ISO 8601 time (2030-01-01T12:00:00Z)"
        ) from error
    if moment.tzinfo is None:
        raise ConfigError(flag, text, "an ISO 8601 time needs its zone, e.g. Z or +02:00")
    seconds = int(moment.timestamp())
    if seconds < 0:
        raise ConfigError(flag, text, "before 1970: no unix time")
    return seconds
