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


def test_configs_that_differ_only_in_hints_label_alike():
    from annotate.studio import same_labelling

    config = label_config()
    assert same_labelling(config, config.replace('hint="人物：政治人物、學者"', 'hint="people"'))
    assert not same_labelling(config, config.replace('<Label value="EVENT"', '<Label value="WAR"'))
    assert not same_labelling(config, "<View><broken")
