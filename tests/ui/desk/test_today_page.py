"""Today: a sealed demonstration consent is listed with its readiness; search folds spelling variants."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.demo import DemoService



def seed(services, tmp_path, readiness=False):
    out = tmp_path / "out"
    out.mkdir()
    return list(DemoService(services.ctx).run(out, 1, None, readiness))


def test_today_lists_a_sealed_demo_consent_with_its_readiness(qtbot, services, staffed, make_window, tmp_path, people, sign_in):
    (record_id, _pdf), = seed(services, tmp_path)
    window = make_window(services)
    sign_in(window, people["nurse"])
    page = window.today_page
    tree = page.signed.tree
    assert tree.topLevelItemCount() == 1
    item = tree.topLevelItem(0)
    assert item.data(0, Qt.UserRole) == record_id
    readiness_col = tree.columnCount() - 1
    assert "لم يُتحقق" in item.text(readiness_col) or "لم يتم" in item.text(readiness_col)
    assert not item.icon(readiness_col).isNull()  # words and a shape, never colour alone
    # actions: open the record / the readiness check of the selected consent
    tree.setCurrentItem(item)
    assert page.record_button.isEnabled()
    with qtbot.waitSignal(page.open_record) as blocker:
        qtbot.mouseClick(page.record_button, Qt.LeftButton)
    assert blocker.args == [record_id]
    with qtbot.waitSignal(page.open_readiness) as blocker:
        qtbot.mouseClick(page.readiness_button, Qt.LeftButton)
    assert blocker.args == [record_id]


def test_verified_consent_shows_ready(qtbot, services, staffed, make_window, tmp_path, people, sign_in):
    seed(services, tmp_path, readiness=True)
    window = make_window(services)
    sign_in(window, people["nurse"])
    tree = window.today_page.signed.tree
    text = tree.topLevelItem(0).text(tree.columnCount() - 1)
    assert "جاهز" in text or "غير جاهز" in text


def test_search_finds_by_a_spelling_variant(qtbot, services, staffed, make_window, tmp_path, people, sign_in):
    seed(services, tmp_path)  # the first synthetic patient: فاطمة عبدالله الزهراني
    window = make_window(services)
    sign_in(window, people["nurse"])
    page = window.today_page
    page.search.setText("فاطمه")  # ta marbuta written as ha
    qtbot.keyClick(page.search, Qt.Key_Return)
    assert page.results.isVisible()
    assert page.results.tree.topLevelItemCount() == 1
    assert page.results.tree.topLevelItem(0).text(0) == "فاطمة عبدالله الزهراني"
    assert page.signed.tree.topLevelItemCount() == 1  # the lists follow the search
    page.search.setText("نورة")
    qtbot.mouseClick(page.search_button, Qt.LeftButton)
    assert page.results.tree.topLevelItemCount() == 0 and page.results.empty.isVisible()
    assert page.signed.tree.topLevelItemCount() == 0
    qtbot.mouseClick(page.clear_button, Qt.LeftButton)
    assert not page.results.isVisible() and page.signed.tree.topLevelItemCount() == 1


def test_by_national_id(qtbot, services, staffed, make_window, tmp_path, people, sign_in):
    (record_id, _), = seed(services, tmp_path)
    national_id = services.records.record(staffed["nurse"], record_id)["patient"]["national_id"]
    window = make_window(services)
    sign_in(window, people["nurse"])
    page = window.today_page
    page.search.setText(national_id)
    qtbot.keyClick(page.search, Qt.Key_Return)
    assert page.results.tree.topLevelItemCount() == 1


def test_by_mrn_with_letters(qtbot, services, staffed, make_window, tmp_path, people, sign_in):
    seed(services, tmp_path)
    window = make_window(services)
    sign_in(window, people["nurse"])
    page = window.today_page
    page.search.setText("DEMO100000")
    qtbot.keyClick(page.search, Qt.Key_Return)
    assert page.results.tree.topLevelItemCount() == 1


def test_flow_round_trip_refreshes_today(qtbot, services, staffed, make_window, tmp_path, people, sign_in):
    window = make_window(services)
    sign_in(window, people["nurse"])
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    assert window.pages.currentWidget() is window.flow
    seed(services, tmp_path)  # something happened meanwhile
    window.flow.finished.emit()
    assert window.pages.currentWidget() is window.today_page
    assert window.today_page.signed.tree.topLevelItemCount() == 1


def test_today_never_shows_a_stale_search(qtbot, services, staffed, make_window, tmp_path, people, sign_in):
    """A name left in the search box once showed "no patient found (0)" and 0 in every list until
    "Search" was pressed again, inviting a second registration of the same patient."""
    window = make_window(services)
    sign_in(window, people["nurse"])
    page = window.today_page
    page.search.setText("فاطمة")
    qtbot.mouseClick(page.search_button, Qt.LeftButton)
    assert page.results.tree.topLevelItemCount() == 0  # not registered yet
    seed(services, tmp_path)  # she is registered and her consent signed (another desk, or the flow)
    qtbot.mouseClick(page.refresh_button, Qt.LeftButton)
    assert page.results.tree.topLevelItemCount() == 1  # the search runs again: she is found
    assert page.signed.tree.topLevelItemCount() == 1
    qtbot.mouseClick(window.header.today, Qt.LeftButton)
    assert page.results.tree.topLevelItemCount() == 1 and page.signed.tree.topLevelItemCount() == 1
    page.search.clear()
    qtbot.keyClicks(page.search, "Nora")  # other words typed, not searched yet: the lists are not filtered
    assert not page.results.isVisible() and page.signed.tree.topLevelItemCount() == 1
