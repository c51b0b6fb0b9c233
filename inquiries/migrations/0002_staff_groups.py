"""Staff groups with only the permissions they need.

- "Partnership staff" see and work district inquiries (status, assignee, notes) and see the
  spam counts; they cannot add or delete inquiries, nor touch workshops.
- "Workshop managers" manage workshops, courses and sign-ups, and can read the programme pages.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Partnership staff": [
        ("inquiries", "inquiry", ["view", "change"]),
        ("inquiries", "statuschange", ["view"]),
        ("inquiries", "spamcount", ["view"]),
    ],
    "Workshop managers": [
        ("workshops", "workshop", ["add", "change", "delete", "view"]),
        ("workshops", "course", ["add", "change", "delete", "view"]),
        ("workshops", "enrollment", ["add", "change", "delete", "view"]),
        ("pages", "page", ["view"]),
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran (post_migrate); create them now
    # so that this migration works on a fresh database.
    for app_label in ["inquiries", "workshops", "pages"]:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    )
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0001_initial"),
        ("workshops", "0001_initial"),
        ("pages", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
