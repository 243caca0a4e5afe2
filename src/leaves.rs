//! What a reader could recognise of a record: every text, id and figure in it,
//! found by walking its `Serialize`.
//!
//! The leak audit must look for every text field of everything withheld. A list of
//! fields written by hand forgets the next field someone adds; a walk of the
//! serialised record cannot, since `derive(Serialize)` covers every field. Values
//! that are not free text say what they are by serialising as a named newtype:
//! [`Id`](crate::data::Id) as `"Id"`, [`Amount`] as
//! [`AMOUNT`], and dates, periods and months as [`WHEN`]. Everything else that is a
//! string is text, so a new kind of value is looked for as text until it says
//! otherwise: the walk fails closed. Enum variants and booleans are a closed
//! vocabulary (`kind: paper`, `status: on_track`) and carry nothing to find.
//!
//! Every format bcfsite writes (JSON, templates, CSV) passes a newtype through as
//! its content, so the names change nothing there.

use std::fmt::{self, Display};

use serde::Serialize;
use serde::ser::{self, Serializer};

use crate::data::amount::Amount;

/// The newtype name of an exact figure.
pub const AMOUNT: &str = "Amount";
/// The newtype name of an id.
pub const ID: &str = "Id";
/// The newtype name of a date, a moment, a period or a month: not secret in itself.
pub const WHEN: &str = "When";

/// One value of a record, with the name of the field it is in.
#[derive(Debug, PartialEq)]
pub enum Leaf<'a> {
    Text(&'a str),
    Id(&'a str),
    Figure(Amount),
    /// A value that holds nothing to look for: a boolean, an enum variant, a date,
    /// a period; or a struct, whose fields follow.
    Typed,
    /// An optional field with no value, or an empty list or map.
    Unset,
}

/// Everything recognisable in one record.
#[derive(Debug, Default)]
pub struct Leaves {
    pub texts: Vec<String>,
    pub ids: Vec<String>,
    pub figures: Vec<Amount>,
}

impl Leaves {
    /// The texts, ids and figures of `value`, leaving out the fields `skip` names.
    pub fn of_except<T: Serialize + ?Sized>(value: &T, skip: &dyn Fn(&str) -> bool) -> Leaves {
        let mut out = Leaves::default();
        walk(value, &mut |field, leaf| {
            if skip(field) {
                return;
            }
            match leaf {
                Leaf::Text(t) => out.texts.push(t.to_string()),
                Leaf::Id(t) => out.ids.push(t.to_string()),
                Leaf::Figure(a) => out.figures.push(a),
                Leaf::Typed | Leaf::Unset => {}
            }
        });
        out
    }

    pub fn of<T: Serialize + ?Sized>(value: &T) -> Leaves {
        Self::of_except(value, &|_| false)
    }

    pub fn extend(&mut self, other: Leaves) {
        self.texts.extend(other.texts);
        self.ids.extend(other.ids);
        self.figures.extend(other.figures);
    }
}

/// Calls `sink` with every leaf of `value` and the name of the struct field it is in
/// (`""` at the top). A value that cannot be walked is a bug in a `Serialize` impl;
/// the leaves found up to it are still reported.
pub fn walk<T: Serialize + ?Sized>(value: &T, sink: &mut dyn FnMut(&'static str, Leaf<'_>)) {
    let _ = value.serialize(&mut Walker {
        field: "",
        mode: Mode::Text,
        sink,
    });
}

/// Serialises a value as the newtype `name` holding its `Display` text.
pub fn tagged<S: Serializer, T: Display + ?Sized>(
    s: S,
    name: &'static str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    s.serialize_newtype_struct(name, &AsText(value))
}

struct AsText<'a, T: ?Sized>(&'a T);

impl<T: Display + ?Sized> Serialize for AsText<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

/// How the strings met inside a named newtype are read.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Text,
    Id,
    Figure,
    Ignore,
}

struct Walker<'s> {
    field: &'static str,
    mode: Mode,
    sink: &'s mut dyn FnMut(&'static str, Leaf<'_>),
}

impl Walker<'_> {
    fn leaf(&mut self, leaf: Leaf<'_>) {
        (self.sink)(self.field, leaf);
    }

    fn number(&mut self, text: &str) -> Result<(), fmt::Error> {
        match Amount::parse(text) {
            Some(a) if self.mode != Mode::Ignore => self.leaf(Leaf::Figure(a)),
            _ => self.leaf(Leaf::Typed),
        }
        Ok(())
    }

    /// Walks `value` as the field `field`, in `mode`, then restores both.
    fn nested<T: Serialize + ?Sized>(
        &mut self,
        field: &'static str,
        mode: Mode,
        value: &T,
    ) -> Result<(), fmt::Error> {
        let (was_field, was_mode) = (self.field, self.mode);
        self.field = field;
        self.mode = mode;
        let r = value.serialize(&mut *self);
        self.field = was_field;
        self.mode = was_mode;
        r
    }
}

macro_rules! numbers {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Result<(), fmt::Error> {
            self.number(&v.to_string())
        })*
    };
}

impl Serializer for &mut Walker<'_> {
    type Ok = ();
    type Error = fmt::Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    numbers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128, serialize_f32: f32, serialize_f64: f64);

    fn serialize_bool(self, _: bool) -> Result<(), fmt::Error> {
        self.leaf(Leaf::Typed);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), fmt::Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), fmt::Error> {
        match self.mode {
            Mode::Text => self.leaf(Leaf::Text(v)),
            Mode::Id => self.leaf(Leaf::Id(v)),
            Mode::Figure => return self.number(v),
            Mode::Ignore => self.leaf(Leaf::Typed),
        }
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), fmt::Error> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), fmt::Error> {
        self.leaf(Leaf::Unset);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), fmt::Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), fmt::Error> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), fmt::Error> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), fmt::Error> {
        self.leaf(Leaf::Typed);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), fmt::Error> {
        let mode = match name {
            ID => Mode::Id,
            AMOUNT => Mode::Figure,
            WHEN => Mode::Ignore,
            _ => self.mode,
        };
        let field = self.field;
        self.nested(field, mode, value)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), fmt::Error> {
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, fmt::Error> {
        if len == Some(0) {
            self.leaf(Leaf::Unset);
        }
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, fmt::Error> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, fmt::Error> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, fmt::Error> {
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self, fmt::Error> {
        self.serialize_seq(len)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, fmt::Error> {
        self.leaf(Leaf::Typed);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, fmt::Error> {
        Ok(self)
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), fmt::Error> {
        if self.mode == Mode::Ignore {
            self.leaf(Leaf::Typed);
            return Ok(());
        }
        self.serialize_str(&value.to_string())
    }
}

impl ser::SerializeSeq for &mut Walker<'_> {
    type Ok = ();
    type Error = fmt::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), fmt::Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), fmt::Error> {
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Walker<'_> {
    type Ok = ();
    type Error = fmt::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), fmt::Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), fmt::Error> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for &mut Walker<'_> {
    type Ok = ();
    type Error = fmt::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), fmt::Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), fmt::Error> {
        Ok(())
    }
}

impl ser::SerializeTupleVariant for &mut Walker<'_> {
    type Ok = ();
    type Error = fmt::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), fmt::Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), fmt::Error> {
        Ok(())
    }
}

/// Map keys are read like values: an id as an id (a quarter's entries are keyed
/// by the scheme or metric they are about), a period not at all.
impl ser::SerializeMap for &mut Walker<'_> {
    type Ok = ();
    type Error = fmt::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), fmt::Error> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), fmt::Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), fmt::Error> {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Walker<'_> {
    type Ok = ();
    type Error = fmt::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), fmt::Error> {
        let mode = self.mode;
        self.nested(key, mode, value)
    }
    fn end(self) -> Result<(), fmt::Error> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Walker<'_> {
    type Ok = ();
    type Error = fmt::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), fmt::Error> {
        let mode = self.mode;
        self.nested(key, mode, value)
    }
    fn end(self) -> Result<(), fmt::Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::data::Id;
    use crate::data::period::Period;

    #[derive(Serialize)]
    struct Record {
        id: Id,
        name: String,
        note: Option<String>,
        missing: Option<String>,
        amounts: BTreeMap<Period, Amount>,
        count: u64,
        flag: bool,
        status: crate::data::metrics::Better,
        list: Vec<String>,
    }

    fn record() -> Record {
        Record {
            id: Id("a-record".into()),
            name: "A record".into(),
            note: Some("A note".into()),
            missing: None,
            amounts: [(
                Period::parse("2024-25").unwrap(),
                Amount::parse("1234.5").unwrap(),
            )]
            .into(),
            count: 7,
            flag: true,
            status: crate::data::metrics::Better::Lower,
            list: Vec::new(),
        }
    }

    #[test]
    fn every_leaf_is_named_by_its_field_and_read_by_its_type() {
        let mut seen = Vec::new();
        walk(&record(), &mut |field, leaf| {
            seen.push(format!("{field} {leaf:?}"))
        });
        assert_eq!(
            seen,
            [
                " Typed",
                "id Id(\"a-record\")",
                "name Text(\"A record\")",
                "note Text(\"A note\")",
                "missing Unset",
                "amounts Typed",
                "amounts Figure(Amount(1234.5))",
                "count Figure(Amount(7))",
                "flag Typed",
                "status Typed",
                "list Unset",
            ]
        );
    }

    #[test]
    fn fields_can_be_left_out() {
        let l = Leaves::of_except(&record(), &|f| f == "name");
        assert_eq!(l.texts, ["A note"]);
        assert_eq!(l.ids, ["a-record"]);
        assert_eq!(l.figures.len(), 2);
    }

    #[test]
    fn names_change_nothing_in_json() {
        let json = serde_json::to_string(&record()).unwrap();
        assert_eq!(
            json,
            r#"{"id":"a-record","name":"A record","note":"A note","missing":null,"amounts":{"2024-25":"1234.5"},"count":7,"flag":true,"status":"lower","list":[]}"#
        );
    }
}
