"""REST API for actors (mounted under /api/v1/)."""
