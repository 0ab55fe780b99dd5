//! WebAssembly entry point of `/widget/parties/`: what an embed of the parties widget loads. Each widget
//! page is its own binary so an embedded chart downloads only its own code.

fn main() {
    sijil_app::widgets::start(sijil_app::widgets::view::PARTIES);
}
