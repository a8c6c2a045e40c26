//! Line-break opportunities as GNU gettext finds them: libunistring's
//! `u8_possible_linebreaks`, the pair-table form of Unicode's line-breaking
//! algorithm (UAX #14) with libunistring's choices: a break is allowed
//! between an infix separator and a letter (`Event:` / `Let`), none
//! between a letter and a numeric prefix or postfix (UAX #14's rule LB24
//! since Unicode 11: `back` / `\\`), none before an ellipsis after
//! anything but an opening (LB22, `，…`), complex
//! scripts and unknown characters count as letters, ambiguous characters
//! as letters (UTF-8 is not a CJK encoding). Character classes come from
//! `unicode-linebreak`'s Unicode tables.

use unicode_linebreak::{BreakClass, break_property};

/// Classes of the pair table, in its order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Pair(u8),
    Mandatory,
    Combining,
    ZeroWidth,
    Space,
}

/// The pair table: row = class before, column = class after, in the order
/// WJ GL B2 BA BB HY CL CP EX IN NS OP QU IS NU PO PR SY AL H2 H3 ID JL JV JT HL RI;
/// `D` a direct break, `I` a break only after spaces, `P` none.
const TABLE: [&[u8; 27]; 27] = [
    b"PIIIIIPPPIIIIPIIIPIIIIIIIII", // WJ
    b"PIIIIIPPPIIIIPIIIPIIIIIIIII", // GL
    b"PIPIDIPPPIIDIPDDDPDDDDDDDDD", // B2
    b"PDDIDIPPPIIDIPDDDPDDDDDDDDD", // BA
    b"PIIIIIPPPIIIIPIIIPIIIIIIIII", // BB
    b"PDDIDIPPPIIDIPIDDPDDDDDDDDD", // HY
    b"PIDIDIPPPIPDIPDIIPDDDDDDDDD", // CL
    b"PIDIDIPPPIPDIPIIIPIDDDDDDID", // CP
    b"PIDIDIPPPIIDIPDDDPDDDDDDDDD", // EX
    b"PIDIDIPPPIIDIPDDDPDDDDDDDDD", // IN
    b"PIDIDIPPPIIDIPDDDPDDDDDDDDD", // NS
    b"PPPPPPPPPPPPPPPPPPPPPPPPPPP", // OP
    b"PIIIIIPPPIIPIPIIIPIIIIIIIII", // QU
    b"PIDIDIPPPIIDIPIDDPDDDDDDDDD", // IS
    b"PIDIDIPPPIIIIPIIIPIDDDDDDID", // NU
    b"PIDIDIPPPIIIIPIDDPIDDDDDDID", // PO
    b"PIDIDIPPPIIIIPIDDPIIIIIIIID", // PR
    b"PIDIDIPPPIIDIPIDDPDDDDDDDID", // SY
    b"PIDIDIPPPIIIIPIIIPIDDDDDDID", // AL
    b"PIDIDIPPPIIDIPDIDPDDDDDIIDD", // H2
    b"PIDIDIPPPIIDIPDIDPDDDDDDIDD", // H3
    b"PIDIDIPPPIIDIPDIDPDDDDDDDDD", // ID
    b"PIDIDIPPPIIDIPDIDPDIIDIIDDD", // JL
    b"PIDIDIPPPIIDIPDIDPDDDDDIIDD", // JV
    b"PIDIDIPPPIIDIPDIDPDDDDDDIDD", // JT
    b"PIDIDIPPPIIIIPIIIPIDDDDDDID", // HL
    b"PIDIDIPPPIIDIPDDDPDDDDDDIDI", // RI
];

const AL: u8 = 18;
const ID: u8 = 21;

fn class(c: char) -> Class {
    use BreakClass::*;
    let pair = match break_property(c as u32) {
        Mandatory | NextLine | CarriageReturn | LineFeed => return Class::Mandatory,
        CombiningMark | ZeroWidthJoiner => return Class::Combining,
        ZeroWidthSpace => return Class::ZeroWidth,
        Space => return Class::Space,
        WordJoiner => 0,
        NonBreakingGlue => 1,
        BeforeAndAfter => 2,
        After => 3,
        Before => 4,
        Hyphen => 5,
        ClosePunctuation => 6,
        CloseParenthesis => 7,
        Exclamation => 8,
        Inseparable => 9,
        NonStarter | ConditionalJapaneseStarter => 10,
        OpenPunctuation => 11,
        Quotation => 12,
        InfixSeparator => 13,
        Numeric => 14,
        Postfix => 15,
        Prefix => 16,
        Symbol => 17,
        HangulLvSyllable => 19,
        HangulLvtSyllable => 20,
        Ideographic | Contingent | EmojiBase | EmojiModifier => ID,
        HangulLJamo => 22,
        HangulVJamo => 23,
        HangulTJamo => 24,
        HebrewLetter => 25,
        RegionalIndicator => 26,
        _ => AL,
    };
    Class::Pair(pair)
}

/// Per byte of `text`: `Some(true)` a mandatory break before it, `Some(false)`
/// a possible one, `None` no break.
pub(crate) fn opportunities(text: &str) -> Vec<Option<bool>> {
    let mut p = vec![None; text.len()];
    // The last class that is not a space; `None` at the start of a line.
    let mut last: Option<Class> = None;
    let mut spaces: [Option<usize>; 2] = [None, None];
    for (i, c) in text.char_indices() {
        let mut at = i;
        let mut class = class(c);
        match class {
            Class::Mandatory => {
                p[i] = Some(true);
                last = None;
                spaces = [None, None];
                continue;
            }
            Class::Space => {
                spaces = [Some(i), spaces[0]];
                continue;
            }
            Class::ZeroWidth => {
                last = Some(Class::ZeroWidth);
                spaces = [None, None];
                continue;
            }
            Class::Combining => {
                if last == Some(Class::ZeroWidth) {
                    p[i] = Some(false);
                    last = Some(Class::Pair(ID));
                    continue;
                }
                // A combining mark turns a space before it into an ideograph.
                let Some(space) = spaces[0] else { continue };
                at = space;
                spaces = [spaces[1], None];
                class = Class::Pair(ID);
            }
            Class::Pair(_) => {}
        }
        let Class::Pair(after) = class else { continue };
        p[at] = match last {
            None => None,
            Some(Class::ZeroWidth) => Some(false),
            Some(Class::Pair(before)) => match TABLE[before as usize][after as usize] {
                b'D' => Some(false),
                b'I' if spaces[0].is_some() => Some(false),
                _ => None,
            },
            Some(_) => None,
        };
        last = Some(class);
        spaces = [None, None];
    }
    p
}
