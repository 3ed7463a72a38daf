"""REST API for articles (mounted under /api/v1/)."""
