from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "overgang.web.planning"
    label = "planning"
    verbose_name = "Planlægning"
