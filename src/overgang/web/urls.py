from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("overgang.web.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("overgang.web.pages.urls")),
]

if settings.OIDC_ENABLED:  # OpenID Connect login: /oidc/authenticate/ and /oidc/callback/
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
