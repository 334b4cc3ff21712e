"""The pages of the web application, under the site's root."""

from django.urls import path

from overgang.web.pages.views import (
    account,
    audit,
    citizens,
    consultations,
    dashboard,
    fixes,
    handovers,
    imports,
    insight,
    logins,
    plan_differences,
    plans,
    process,
    reports,
    staff,
    teams,
)

app_name = "pages"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("login/", account.LoginView.as_view(), name="login"),
    path("logout/", account.LogoutView.as_view(), name="logout"),
    path("konto/", account.account, name="account"),
    path("konto/adgangskode/", account.PasswordChangeView.as_view(), name="password-change"),
    path(
        "konto/api-noegle/tilbagekald/", account.account_token_revoke, name="account-token-revoke"
    ),
    path("import/", imports.import_page, name="import"),
    path("import/bekraeft/", imports.import_confirm, name="import-confirm"),
    path("medarbejdere/", staff.employee_list, name="employees"),
    path("medarbejdere/<str:ext_id>/", staff.employee_detail, name="employee"),
    path("medarbejdere/<str:ext_id>/fastlaeg/", fixes.employee_fix, name="employee-fix"),
    path("medarbejdere/<str:ext_id>/fastlaeg/ophaev/", fixes.employee_unfix, name="employee-unfix"),
    path("samtaler/<int:pk>/", staff.interview_edit, name="interview-edit"),
    path("fratraedelser/", staff.resignations, name="resignations"),
    path("borgere/", citizens.citizen_list, name="citizens"),
    path("borgere/<str:ext_id>/", citizens.citizen_detail, name="citizen"),
    path("sager/", citizens.case_list, name="cases"),
    path("sager/<str:ext_id>/", citizens.case_detail, name="case"),
    path("planer/", plans.plans, name="plans"),
    path("planer/koersel/", plans.plan_run_start, name="plan-run-start"),
    path("planer/koersel/<str:run_id>/", plans.plan_run, name="plan-run"),
    path("planer/koersel/<str:run_id>/status/", plans.plan_run_progress, name="plan-run-progress"),
    path("planer/sammenlign/", plans.plan_compare, name="plan-compare"),
    path("planer/<int:pk>/", plans.plan_detail, name="plan"),
    path("planer/forskelle/", plan_differences.plan_diff_choose, name="plan-diff-choose"),
    path("planer/<int:pk>/forskelle/<int:other>/", plan_differences.plan_diff, name="plan-diff"),
    path("planer/<int:pk>/godkend/", plans.plan_approve, name="plan-approve"),
    path("beslutninger/<int:pk>/underrettet/", plans.decision_notify, name="decision-notify"),
    path(
        "beslutninger/<int:pk>/fastlaeg/",
        fixes.employee_decision_fix,
        name="employee-decision-fix",
    ),
    path(
        "beslutninger/sager/<int:pk>/fastlaeg/",
        fixes.case_decision_fix,
        name="case-decision-fix",
    ),
    path("overdragelser/", handovers.handover_lists, name="handovers"),
    path("overdragelser/<int:pk>/", handovers.handover_meeting, name="handover"),
    path("overdragelser/<int:pk>/godkend/", handovers.handover_sign_off, name="handover-sign-off"),
    path("teams/", teams.teams, name="teams"),
    path("teams/dan/<int:pk>/", teams.teams_form, name="teams-form"),
    path("hoeringer/", consultations.consultation_list, name="consultations"),
    path("hoeringer/<int:pk>/", consultations.consultation_detail, name="consultation"),
    path(
        "hoeringer/<int:pk>/saml/", consultations.consultation_compile, name="consultation-compile"
    ),
    path("milepaele/", process.milestones, name="milestones"),
    path("milepaele/<int:pk>/", process.milestone_edit, name="milestone-edit"),
    path("milepaele/<int:pk>/fjern/", process.milestone_remove, name="milestone-remove"),
    path("rapporter/", reports.reports, name="reports"),
    path("rapporter/planfil/<int:pk>/", reports.plan_file, name="plan-file"),
    path("rapporter/status/<int:pk>.<str:fmt>", reports.status_report, name="report-status"),
    path("rapporter/breve/<int:pk>/", reports.letters, name="report-letters"),
    path(
        "rapporter/overdragelse/<int:pk>/<str:employee_id>/",
        reports.handover_list,
        name="report-handover-list",
    ),
    path("revision/", audit.audit_log, name="audit"),
    path("revision/indsigt/", insight.insight, name="audit-insight"),
    path("revision/logins/", logins.login_attempts, name="audit-logins"),
    path("revision/kontrol/", audit.audit_verify, name="audit-verify"),
]
