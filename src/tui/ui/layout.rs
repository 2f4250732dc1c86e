//! Where each pane goes, as a pure function of the screen size and view mode, so drawing and
//! mouse handling always agree on what is under the pointer.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

use crate::keys::Pane;

/// Narrowest and lowest screen that still shows panes.
pub const MIN_WIDTH: u16 = 20;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 6;

/// How the panes are arranged, chosen by width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// 120 columns and more: list, reader and takeaways side by side.
    Wide,
    /// 80 to 119 columns: list above takeaways on the left, reader on the right.
    Medium,
    /// Under 80 columns: the focused pane only.
    Narrow,
    /// The reader over the whole body (`z`).
    Zoom,
    /// Below [`MIN_WIDTH`]×[`MIN_HEIGHT`]: only a message.
    TooSmall,
}

/// The screen split into areas; a pane that is not shown has `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The arrangement chosen.
    pub mode: Mode,
    /// The document list.
    pub list: Option<Rect>,
    /// The reader.
    pub reader: Option<Rect>,
    /// The takeaways.
    pub takeaways: Option<Rect>,
    /// The linked takeaways of the selected one.
    pub links: Option<Rect>,
    /// The one-row filter bar.
    pub filter: Option<Rect>,
    /// The one-row status line.
    pub status: Option<Rect>,
}

impl Areas {
    /// The outer rectangle of a pane, if shown.
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Takeaways => self.takeaways,
            Pane::Links => self.links,
        }
    }

    /// The pane whose rectangle holds the cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let p = ratatui::layout::Position::new(column, row);
        Pane::ALL
            .into_iter()
            .find(|&pane| self.pane(pane).is_some_and(|r| r.contains(p)))
    }
}

/// Splits `area` for the given focus (which picks the pane in narrow mode) and zoom state.
pub fn areas(area: Rect, focus: Pane, zoom: bool) -> Areas {
    let mut out = Areas {
        mode: Mode::TooSmall,
        list: None,
        reader: None,
        takeaways: None,
        links: None,
        filter: None,
        status: None,
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return out;
    }
    let [body, filter, status] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    out.filter = Some(filter);
    out.status = Some(status);
    if zoom {
        out.mode = Mode::Zoom;
        out.reader = Some(body);
    } else if area.width >= 120 {
        out.mode = Mode::Wide;
        let [l, r, right] = Layout::horizontal([
            Constraint::Percentage(28),
            Constraint::Fill(1),
            Constraint::Percentage(27),
        ])
        .areas(body);
        let [t, k] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Fill(1)]).areas(right);
        (out.list, out.reader, out.takeaways, out.links) = (Some(l), Some(r), Some(t), Some(k));
    } else if area.width >= 80 {
        out.mode = Mode::Medium;
        let [left, r] =
            Layout::horizontal([Constraint::Percentage(38), Constraint::Fill(1)]).areas(body);
        let [l, t, k] = Layout::vertical([
            Constraint::Percentage(32),
            Constraint::Percentage(38),
            Constraint::Fill(1),
        ])
        .areas(left);
        (out.list, out.reader, out.takeaways, out.links) = (Some(l), Some(r), Some(t), Some(k));
    } else {
        out.mode = Mode::Narrow;
        match focus {
            Pane::List => out.list = Some(body),
            Pane::Reader => out.reader = Some(body),
            Pane::Takeaways => out.takeaways = Some(body),
            Pane::Links => out.links = Some(body),
        }
    }
    out
}

/// Inside of a bordered list pane.
pub fn list_inner(r: Rect) -> Rect {
    r.inner(Margin::new(1, 1))
}

/// Inside of the reader: borders plus one column of padding each side.
pub fn reader_inner(r: Rect) -> Rect {
    r.inner(Margin::new(2, 1))
}

/// A rectangle of at most `width`×`height` centred in `area`, for pop-ups.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_by_width() {
        let m = |w, h| areas(Rect::new(0, 0, w, h), Pane::List, false).mode;
        assert_eq!(m(120, 40), Mode::Wide);
        assert_eq!(m(119, 40), Mode::Medium);
        assert_eq!(m(80, 24), Mode::Medium);
        assert_eq!(m(79, 24), Mode::Narrow);
        assert_eq!(m(19, 24), Mode::TooSmall);
        assert_eq!(m(40, 5), Mode::TooSmall);
        assert_eq!(m(1, 1), Mode::TooSmall);
    }

    #[test]
    fn panes_tile_the_body() {
        let a = areas(Rect::new(0, 0, 120, 40), Pane::List, false);
        let (l, r, t) = (a.list.unwrap(), a.reader.unwrap(), a.takeaways.unwrap());
        let k = a.links.unwrap();
        assert_eq!(l.width + r.width + t.width, 120);
        assert_eq!(l.height, 38);
        assert_eq!(
            (k.x, k.width),
            (t.x, t.width),
            "linked pane under the takeaways"
        );
        assert_eq!(t.height + k.height, 38);
        assert_eq!(a.pane_at(k.x + 1, k.y + 1), Some(Pane::Links));
        assert_eq!(a.pane_at(l.x, l.y), Some(Pane::List));
        assert_eq!(a.pane_at(t.x + 1, 5), Some(Pane::Takeaways));
        assert_eq!(a.pane_at(0, 39), None);
    }

    #[test]
    fn narrow_shows_only_the_focused_pane() {
        let a = areas(Rect::new(0, 0, 60, 20), Pane::Takeaways, false);
        assert!(a.list.is_none() && a.reader.is_none());
        assert_eq!(a.takeaways.unwrap().width, 60);
    }
}
