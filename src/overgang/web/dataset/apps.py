from django.apps import AppConfig


class DatasetConfig(AppConfig):
    name = "overgang.web.dataset"
    label = "dataset"
    verbose_name = "Datasæt"
