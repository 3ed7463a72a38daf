"""The errors claims' services raise (defined in claimtrack.errors, shared with actors and history).

Kept as a module so callers that name `claims.exceptions` keep working; new code imports
claimtrack.errors.
"""

from claimtrack.errors import EditError, VersionConflict

__all__ = ["EditError", "VersionConflict"]
