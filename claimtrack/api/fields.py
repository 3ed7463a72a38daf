"""Serializer fields that refuse what DRF would coerce ("5" for 5, "yes" for true, 5 for "5").

A client that sends the wrong type has a bug; telling it so beats guessing what it meant.
"""

from collections.abc import Mapping

from rest_framework import serializers
from rest_framework.exceptions import ValidationError

MAX_ID = 2**63 - 1  # the database's bigint: beyond it a lookup fails in the database, as a 500


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": "Must be true or false."}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictCharField(serializers.CharField):
    default_error_messages = {"invalid": "Must be a string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "No such object: {pk_value}.",
        "incorrect_type": "An id is a whole number, not {data_type}.",
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class SpanField(serializers.ListField):
    """[start, end]: code points into the article text, end exclusive."""

    child = StrictIntegerField(min_value=0, max_value=2**31 - 1)

    def __init__(self, **kwargs):
        kwargs.setdefault("min_length", 2)
        kwargs.setdefault("max_length", 2)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        span = super().to_internal_value(data)
        if len(span) != 2:
            raise ValidationError("A span is a pair [start, end].")
        if span[0] >= span[1]:
            raise ValidationError(f"The span {span[0]}–{span[1]} is empty or reversed.")
        return span


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know: a misspelt field is otherwise silently ignored."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data) - writable)
            if unknown:
                raise ValidationError({str(name): ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)
