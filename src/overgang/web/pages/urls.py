"""The pages of the web application, under the site's root."""

from django.urls import path

from overgang.web.pages.views import account, dashboard

app_name = "pages"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("login/", account.LoginView.as_view(), name="login"),
    path("logout/", account.LogoutView.as_view(), name="logout"),
]
