"""axe-core (WCAG 2.2 A/AA) on every page of the guide at phone and laptop widths, in light and dark
colour schemes, with the phone menu closed and open."""
import pytest

import sites
from test_accessibility import AXE_OPTIONS, axe, describe

# (width, height, colour scheme, menu open)
CONFIGURATIONS = [
    (390, 844, "light", False), (390, 844, "light", True),
    (390, 844, "dark", False), (390, 844, "dark", True),
    (1366, 768, "light", False), (1366, 768, "dark", False),
]


@pytest.mark.parametrize("width, height, scheme, menu_open", CONFIGURATIONS,
                         ids=[f"{w}-{s}-{'menu-open' if m else 'menu-closed'}" for w, _, s, m in CONFIGURATIONS])
def test_axe_at_each_width_and_colour_scheme(new_page, width, height, scheme, menu_open):
    page = new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    root = sites.site_root("guide")
    failures = []
    for path in sites.html_pages("guide"):
        page.goto((root / path).as_uri())
        if menu_open and path != "print.html" and not path.startswith("print/"):
            page.get_by_role("button", name="Menu").click()
            assert page.get_by_role("navigation", name="Guide sections").is_visible(), path
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            failures.append(f"{path}:\n" + "\n".join(describe(v) for v in violations))
    assert not failures, f"axe violations at {width}px, {scheme}, menu {'open' if menu_open else 'closed'}:\n" + "\n".join(failures)
