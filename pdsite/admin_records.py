"""Admin pages for records the site writes and staff only read: sent reminders, attendance
changes, spam counts, reports. One rule, here, instead of the same three methods in each app's
admin."""


class ReadOnlyAdmin:
    """Mixed into a ``ModelAdmin`` or an inline: nobody adds or changes these rows in the admin.
    Deleting follows the model's delete permission unless ``deletable = False`` (a record that
    must stay until ``purge_personal_data`` removes it, or a page that is no table at all)."""

    deletable = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)
