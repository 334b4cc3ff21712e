from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "overgang.web.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        # A plan made in parts registers its work with the runner.
        from overgang.web.jobs import distributed  # noqa: F401

        # The queue's rows are the workers' business, read through the jobs' own pages and
        # API: not edited in the admin (django_tasks_db registers them there).
        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
