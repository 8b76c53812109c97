fn main() {
    vnetplan_web::start();
}
