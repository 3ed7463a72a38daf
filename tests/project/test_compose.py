"""No Docker engine runs here, so the compose file is checked for what the settings need."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = (ROOT / "claimtrack" / "settings.py").read_text()


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_whole_stack_with_health_checks():
    services = _compose()["services"]
    assert set(services) >= {"postgres", "redis", "web", "worker"}
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name
    # The web check is readiness (database and broker), the worker's its own heartbeat.
    assert "/readyz/" in str(services["web"]["healthcheck"]["test"])
    assert "claimtrack.heartbeat" in str(services["worker"]["healthcheck"]["test"])
    assert "gunicorn" in str(services["web"].get("command", ""))
    assert "celery" in str(services["worker"]["command"]) and "worker" in str(services["worker"]["command"])
    for app in ("web", "worker"):
        conditions = services[app]["depends_on"]
        assert conditions["postgres"]["condition"] == "service_healthy"
        assert conditions["redis"]["condition"] == "service_healthy"


def test_compose_uses_named_volumes_for_state():
    compose = _compose()
    assert compose.get("volumes")
    pg_volumes = compose["services"]["postgres"]["volumes"]
    assert any(str(v).split(":")[0] in compose["volumes"] for v in pg_volumes)


def test_app_services_get_every_variable_the_settings_require():
    required = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
    read_by_settings = set(re.findall(r'env(?:\.\w+)?\("([A-Z_]+)"', SETTINGS))
    assert required <= read_by_settings
    services = _compose()["services"]
    for app in ("web", "worker"):
        environment = services[app]["environment"]
        names = set(environment) if isinstance(environment, dict) else {e.split("=")[0] for e in environment}
        assert required <= names, app
        assert names <= read_by_settings | {"DJANGO_SETTINGS_MODULE"}, names - read_by_settings


def test_no_secret_is_committed_in_compose():
    env = _compose()["services"]["web"]["environment"]
    secret = (
        env["SECRET_KEY"] if isinstance(env, dict) else next(e for e in env if e.startswith("SECRET_KEY"))
    )
    assert "${" in str(secret)
