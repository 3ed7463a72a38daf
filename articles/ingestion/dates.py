"""Publication dates as English news pages write them. Pure functions."""

import re
from datetime import UTC, date, datetime, time

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:[a-z]*day)?\.?,?\s*"
_ORDINAL = r"(?:st|nd|rd|th)?"
_MDY = rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}){_ORDINAL},?\s+(?P<y1>\d{{4}})"
_DMY = rf"(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})"
_ISO = r"(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
_ZONE = r"(?:utc|gmt|z|est|edt|cst|cdt|mst|mdt|pst|pdt|et|pt|bst|cet|cest|eet|ist|jst|kst|msk)"
# A clock time after the date carries no date information we need; it is allowed so that
# "March 12, 2024 at 9:30 a.m. ET" is still recognised as a date line.
_CLOCK = rf"(?:\s*(?:,|at|-|–|—)?\s*\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?\s?m\.?)?(?:\s*\(?{_ZONE}\)?)?)?"
_LABEL = (
    r"(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|(?:last\s+)?updated(?:\s+on)?"
    r"|last\s+modified(?:\s+on)?|dated?|on)\s*:?\s*"
)
_DATE = rf"(?:{_WEEKDAY})?(?:{_MDY}|{_DMY}|{_ISO})"
_DATE_LINE = re.compile(rf"(?P<label>{_LABEL})?{_DATE}{_CLOCK}\.?", re.IGNORECASE)
_DATE_ANYWHERE = re.compile(rf"\b{_DATE}", re.IGNORECASE)


def parse_date_line(line: str) -> tuple[datetime, bool] | None:
    """The date a line consists of, and whether it is labelled as an update; else None."""
    match = _DATE_LINE.fullmatch(line.strip())
    if match is None:
        return None
    moment = _from_match(match)
    if moment is None:
        return None
    label = (match.group("label") or "").lower()
    return moment, "updated" in label or "modified" in label


def parse_date(value: str) -> datetime | None:
    """The first date written in the string, as an aware datetime (midnight UTC without a time)."""
    match = _DATE_ANYWHERE.search(value)
    return _from_match(match) if match else None


def _from_match(match: re.Match[str]) -> datetime | None:
    try:
        if iso := match.group("iso"):
            moment = datetime.fromisoformat(iso)
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        if match.group("m1"):
            day = date(int(match.group("y1")), _MONTHS[match.group("m1")[:3].lower()], int(match.group("d1")))
        else:
            day = date(int(match.group("y2")), _MONTHS[match.group("m2")[:3].lower()], int(match.group("d2")))
    except ValueError:
        return None  # 31 February and the like: a string that only looks like a date
    return datetime.combine(day, time(), tzinfo=UTC)
