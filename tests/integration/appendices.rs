//! A paper lists its appendices in one list in natural label order (2 before 10,
//! "A" before "b"), withheld ones in their place, never linked.

use crate::support::*;

#[test]
fn appendices_are_one_list_in_natural_label_order() {
    let site = TestSite::copy("valid/basic");
    let paper = "content/papers/2024-12-01-order";
    site.write(
        &format!("{paper}/index.md"),
        "---\ntitle: Order\nsummary: S.\ndate: 2024-11-20\nkind: paper\n---\n\nBody.\n",
    );
    let appendix = |label: &str, extra: &str| {
        site.write(
            &format!("{paper}/appendix-{}.md", label.to_lowercase()),
            &format!(
                "---\ntitle: Appendix about {label}\nsummary: S.\ndate: 2024-11-20\nkind: appendix\nappendix: \"{label}\"\n{extra}---\n\nBody.\n"
            ),
        )
    };
    appendix("10", "");
    appendix("2", "confidential: true\nexempt_paragraph: 3\n");
    appendix("b", "");
    appendix(
        "A",
        "confidential: true\nexempt_paragraph: 1\ntitle_public: false\n",
    );
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let html = file(&built, "papers/2024-12-01-order/index.html");
    let list = &html[html.find("<ul class=\"appendix-list\">").unwrap()..];
    let list = &list[..list.find("</ul>").unwrap()];
    let order: Vec<usize> = [
        "Appendix 2:",
        "Appendix 10:",
        "Appendix A (title withheld)",
        "Appendix b:",
    ]
    .iter()
    .map(|s| list.find(s).unwrap_or_else(|| panic!("{s} not in\n{list}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{list}");
    assert_eq!(list.matches("<li").count(), 4);
    assert_eq!(
        list.matches("<a ").count(),
        2,
        "withheld ones are never linked"
    );
    assert!(list.contains("paragraph 3 of Part 1 of Schedule 12A"));
    assert!(!list.contains("Appendix about A"));
}
