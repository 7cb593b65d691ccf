"""The Label Studio label config shipped in schemas/labelstudio/."""
from label_studio_sdk.label_interface import LabelInterface

from annotate.gazetteer import LABELS
from annotate.stance import STANCES
from annotate.tasks import label_config


def test_config_passes_label_studio_validation():
    LabelInterface(label_config()).validate()  # raises on schema, name or toName errors


def test_config_offers_the_gazetteer_labels_and_the_four_stances():
    li = LabelInterface(label_config())
    assert tuple(li.get_control("entity").labels) == LABELS
    assert tuple(li.get_control("stance").labels) == STANCES
    assert tuple(li.get_control("entity_stance").labels) == STANCES


def test_entity_stance_is_asked_per_selected_span():
    li = LabelInterface(label_config())
    assert li.get_control("entity_stance").attr.get("perRegion") == "true"


def test_annotators_see_claim_context_and_citations():
    li = LabelInterface(label_config())
    assert {o.name: o.value_name for o in li.objects} == {"text": "text", "context": "context", "citations": "citations"}
    assert li.get_control("comment").tag.lower() == "textarea"


def test_interface_rejects_a_label_the_config_lacks():
    li = LabelInterface(label_config())
    region = {"from_name": "entity", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 1, "labels": ["FRUIT"]}}
    assert li.validate_prediction({"result": [region]}, return_errors=True)
