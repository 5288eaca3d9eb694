#include "encodingpanel.h"

#include "deltacurveview.h"
#include "driver.h"
#include "explorerstate.h"
#include "heatmapview.h"
#include "retranslate.h"
#include "viewdata.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace poslab::gui {

EncodingPanel::EncodingPanel(Driver* driver, ExplorerState* state, QWidget* parent)
    : QWidget(parent), m_state(state), m_refresher(state, View::Encoding, this, [this] { rebuild(); }),
      m_hint(new QLabel(this)), m_pe(new widgets::HeatmapView(this)),
      m_similarity(new widgets::HeatmapView(this)), m_profile(new widgets::DeltaCurveView(this))
{
    m_hint->setWordWrap(true);
    m_pe->setSquareCells(false); // positions × dimensions: not a token-by-token map
    m_grid = new QGridLayout;
    m_grid->setContentsMargins(0, 0, 0, 0);
    arrange(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(m_grid, 1);
    layout->addWidget(m_hint);

    connect(driver, &Driver::resultAvailable, this, [this](const LabResult& result) {
        m_result = result;
        refresh();
    });
    connect(state, &ExplorerState::paintingChanged, this, &EncodingPanel::refresh);
    for (auto* view : {m_pe, m_similarity})
        connect(view, &widgets::HeatmapView::capacityChanged, this, &EncodingPanel::refresh);
    onLanguageChange(this, [this] { refresh(); }); // its texts are of the result shown
}

// The barcode fills its room (its cells need not be square): a wide PE (n ≤ d_model) goes across
// the top, a tall one down the left, with the similarity and its profile beside it.
void EncodingPanel::arrange(bool tall)
{
    if (int(tall) == m_tall) return;
    m_tall = tall;
    for (QWidget* w :
         {static_cast<QWidget*>(m_pe), static_cast<QWidget*>(m_similarity), static_cast<QWidget*>(m_profile)})
        m_grid->removeWidget(w);
    if (tall) {
        m_grid->addWidget(m_pe, 0, 0, 2, 1);
        m_grid->addWidget(m_similarity, 0, 1);
        m_grid->addWidget(m_profile, 1, 1);
        m_grid->setRowStretch(0, 1);
        m_grid->setRowStretch(1, 1);
    } else {
        m_grid->addWidget(m_pe, 0, 0, 1, 2);
        m_grid->addWidget(m_similarity, 1, 0);
        m_grid->addWidget(m_profile, 1, 1);
        m_grid->setRowStretch(0, 2);
        m_grid->setRowStretch(1, 3);
    }
    m_grid->setColumnStretch(0, 1);
    m_grid->setColumnStretch(1, 1);
}

QString EncodingPanel::hint() const
{
    return m_hint->text();
}

void EncodingPanel::rebuild()
{
    if (!m_result.run.scheme) return;
    arrange(m_result.n > m_result.request.effectiveModel().dModel);
    try {
        EncodingPictures pics = encodingPictures(m_result, m_pe->cellCapacity(), m_similarity->cellCapacity(),
                                                 m_state->pooling());
        m_pe->setData(std::move(pics.pe));
        m_similarity->setData(std::move(pics.similarity));
        m_profile->setData(std::move(pics.profile));
        m_hint->setText(tr("PE: what the scheme adds to every token's input, row i position i's vector. "
                           "Beside it, how alike two positions' vectors are, and that averaged over "
                           "pairs \u0394 apart."));
    } catch (const std::exception& e) {
        widgets::HeatmapData message;
        message.title = QString::fromUtf8(e.what());
        m_pe->setData(message);
        m_similarity->setData(widgets::HeatmapData());
        widgets::CurvePlotData none;
        none.title = QStringLiteral(" ");
        m_profile->setData(none);
        m_hint->setText(tr("Relative schemes act on the scores, not the inputs: see their bias and "
                           "\u0394-curve. Sinusoidal and learned add an encoding to show here."));
    }
}

} // namespace poslab::gui
