//! WebAssembly entry point of `/widget/series/`: what an embed of the trend, torture or massacres
//! widget loads. Each widget page is its own binary so an embedded chart downloads only its own
//! code; the three time series share one (and their range control).

fn main() {
    sijil_app::widgets::start(sijil_app::widgets::view::SERIES);
}
