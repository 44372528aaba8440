"""The closed lists of the facts contract (FACTS.md), in one place.

Every module that emits a category imports it from here, so a value outside
the contract is a NameError in review rather than a silent scoring miss.
"""

from __future__ import annotations

ROLE_CATEGORIES = (
    "director_childrens_services",
    "assistant_director",
    "service_director",
    "head_of_service",
    "chief_executive",
    "council_leader",
    "lead_member",
    "minister",
    "commissioner",
    "improvement_adviser",
    "inspector",
    "chair",
    "other",
)
AREA_CATEGORIES = (
    "overall",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
    "leadership",
    "lscb",
)
GRADES = ("outstanding", "good", "adequate", "requires_improvement", "inadequate", "poor")
EVENT_TYPES = ("appointment", "departure", "suspension", "intervention", "contract")
INTERVENTIONS = (
    "improvement_notice",
    "statutory_direction",
    "commissioner",
    "trust",
    "improvement_adviser",
    "lifted",
)
PERSON_STATUSES = ("current", "former", "incoming")
EVENT_STATUSES = ("done", "proposed")
DOCUMENT_KINDS = ("article", "report")
