"""/api/v1/: the JSON API and its OpenAPI schema."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from overgang.web.api import fixes, jobs, views

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.register("employees", views.EmployeeViewSet, basename="employee")
router.register("interviews", views.InterviewViewSet, basename="interview")
router.register("citizens", views.CitizenViewSet, basename="citizen")
router.register("cases", views.CaseViewSet, basename="case")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("decisions/employees", views.EmployeeDecisionViewSet, basename="employee-decision")
router.register("decisions/cases", views.CaseDecisionViewSet, basename="case-decision")
router.register("fixes", fixes.FixViewSet, basename="fix")
router.register("jobs", jobs.JobViewSet, basename="job")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("metrics/", views.MetricsView.as_view(), name="metrics"),
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[AllowAny], authentication_classes=[]),
        name="schema",
    ),
    path("", include(router.urls)),
]
