//! Tile-map (cartogram) layout: each governorate becomes one equal square tile, placed on a grid
//! so that tiles keep their geographic neighbours.
//!
//! Equal tiles let a small governorate with many deaths be seen as easily as a large empty one,
//! which a shaded geographic map would hide. Placement: project centroids onto a grid of the
//! requested size, then give each area (largest latitude first, west to east) the free cell
//! nearest its projected position. Deterministic, so every reader sees the same map.

#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    pub id: String,
    pub col: u32,
    pub row: u32,
}

/// `areas` are `(id, lat, lon)`; the result has one tile per area on a `cols × rows` grid
/// (row 0 is north). The grid must have at least as many cells as there are areas.
pub fn tile_layout(areas: &[(&str, f64, f64)], cols: u32, rows: u32) -> Vec<Tile> {
    assert!(
        (cols as usize) * (rows as usize) >= areas.len(),
        "grid too small for the areas"
    );
    if areas.is_empty() {
        return Vec::new();
    }
    let (mut min_lat, mut max_lat, mut min_lon, mut max_lon) =
        (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(_, lat, lon) in areas {
        min_lat = min_lat.min(lat);
        max_lat = max_lat.max(lat);
        min_lon = min_lon.min(lon);
        max_lon = max_lon.max(lon);
    }
    let span = |a: f64, b: f64| if b - a > 0.0 { b - a } else { 1.0 };
    let target = |lat: f64, lon: f64| {
        (
            (lon - min_lon) / span(min_lon, max_lon) * f64::from(cols - 1),
            (max_lat - lat) / span(min_lat, max_lat) * f64::from(rows - 1),
        )
    };
    let mut order: Vec<usize> = (0..areas.len()).collect();
    order.sort_by(|&a, &b| {
        let (_, la, lo_a) = areas[a];
        let (_, lb, lo_b) = areas[b];
        lb.total_cmp(&la).then(lo_a.total_cmp(&lo_b))
    });
    let mut taken = vec![false; (cols * rows) as usize];
    let mut tiles = vec![None; areas.len()];
    for i in order {
        let (id, lat, lon) = areas[i];
        let (tx, ty) = target(lat, lon);
        let best = (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (c, r)))
            .filter(|&(c, r)| !taken[(r * cols + c) as usize])
            .min_by(|&(c1, r1), &(c2, r2)| {
                let d = |c: u32, r: u32| (f64::from(c) - tx).powi(2) + (f64::from(r) - ty).powi(2);
                d(c1, r1).total_cmp(&d(c2, r2))
            })
            .expect("grid has a free cell, checked above");
        taken[(best.1 * cols + best.0) as usize] = true;
        tiles[i] = Some(Tile {
            id: id.to_owned(),
            col: best.0,
            row: best.1,
        });
    }
    tiles
        .into_iter()
        .map(|t| t.expect("every area placed"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_are_unique_and_keep_compass_order() {
        // A few Syrian governorate centroids (Open Admin Data).
        let areas = [
            ("SY02", 36.147, 37.395), // Aleppo, north
            ("SY14", 32.71, 36.566),  // As-Sweida, south
            ("SY09", 35.307, 40.172), // Deir-ez-Zor, east
            ("SY06", 34.923, 35.985), // Tartous, west
            ("SY01", 33.516, 36.274), // Damascus
        ];
        let tiles = tile_layout(&areas, 4, 4);
        let pos = |id: &str| {
            tiles
                .iter()
                .find(|t| t.id == id)
                .map(|t| (t.col, t.row))
                .unwrap()
        };
        let mut cells: Vec<_> = tiles.iter().map(|t| (t.col, t.row)).collect();
        cells.sort();
        cells.dedup();
        assert_eq!(cells.len(), areas.len(), "no two tiles share a cell");
        assert!(
            pos("SY02").1 < pos("SY14").1,
            "Aleppo is north of As-Sweida"
        );
        assert!(
            pos("SY06").0 < pos("SY09").0,
            "Tartous is west of Deir-ez-Zor"
        );
        assert_eq!(tile_layout(&areas, 4, 4), tiles, "deterministic");
    }
}
