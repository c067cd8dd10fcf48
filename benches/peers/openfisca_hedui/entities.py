"""Entities: the person, and the household (共同生活的家庭) with one applicant (申请人).

Whether a person is *counted* in the household for dibao (DB-2021 第7条) is a variable
(`counted_member`), not a role: the register lists everyone on the application.
"""

from openfisca_core.entities import build_entity

Household = build_entity(
    key="household",
    plural="households",
    label="家庭 / household applying for assistance",
    roles=[
        {"key": "applicant", "plural": "applicants", "label": "申请人", "max": 1},
        {"key": "member", "plural": "members", "label": "其他家庭成员 / other member"},
    ],
)

Person = build_entity(
    key="person",
    plural="persons",
    label="成员 / person",
    is_person=True,
)

entities = [Household, Person]
