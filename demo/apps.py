from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Development data: the seed article and demo accounts (load_demo), synthetic news at scale
    (generate_demo). No models; installed in development and tests only (settings.DEMO_APP)."""

    name = "demo"
    verbose_name = "Demo data (development only)"
