from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "overgang.web.planning"
    label = "planning"
    verbose_name = "Planlægning"

    def ready(self) -> None:
        # A plan's reproduction registers its work with the jobs' runner.
        from overgang.web.planning import reproductions  # noqa: F401
