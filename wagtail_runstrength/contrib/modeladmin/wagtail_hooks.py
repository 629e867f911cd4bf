from wagtail_modeladmin.options import modeladmin_register

from .options import RunStrengthAdminGroup

modeladmin_register(RunStrengthAdminGroup)
