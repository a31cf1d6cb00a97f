fn main() {
    let paths: Vec<_> = std::env::args().skip(1).map(std::path::PathBuf::from).collect();
    let t = std::time::Instant::now();
    match codegen::load_model(&paths) {
        Ok((m, d)) => {
            for w in d.warnings().take(10) { println!("{w}"); }
            println!("ok: {} shapes, {} warnings in {:?}", m.shapes.len(), d.warnings().count(), t.elapsed());
        }
        Err(e) => println!("{e}"),
    }
}
