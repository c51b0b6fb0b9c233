"""The "Facilitators" group. It holds no admin permission: its members are not staff and sign
in at /facilitate/, where they see only the workshops they are linked to."""

from django.db import migrations

NAME = "Facilitators"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=NAME)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
