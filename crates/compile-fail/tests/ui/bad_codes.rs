// Every mistake `close_codes!` refuses, in one enum: each is reported,
// naming the code.
ws_close_codes::close_codes! {
    pub enum Codes {
        Teapot = 418 { name: "Teapot", description: "Not in 4000-4999." },
        Finished = 4000 { name: "normal closure", description: "IANA's 1000 has this name." },
        Goingaway = 4001 { name: "Leaving", description: "IANA's 1001 has this identifier." },
        First = 4003 { name: "First", description: "Listed twice." },
        Second = 4003 { name: "Second", description: "Listed twice." },
        Earlier = 4002 { name: "Earlier", description: "After a greater code." },
        Twin = 4005 { name: "first", description: "Another code of the enum has this name." },
    }
}

fn main() {}
