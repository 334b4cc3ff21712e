from django.contrib import admin

from overgang.web.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "municipality_code", "team", "employee_id", "body")
    list_filter = ("role", "municipality_code")
