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
      m_similarity(new widgets::HeatmapView(this)), m_profile(new widgets::DeltaCurveView(this)),
      m_components(new widgets::DeltaCurveView(this))
{
    m_hint->setWordWrap(true);
    m_pe->setSquareCells(false); // positions × dimensions: not a token-by-token map
    // Two by two: the table and how alike its positions are above, the curves each reads as below:
    // the components over position under the table, the Δ-profile under the similarity.
    auto* grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_pe, 0, 0);
    grid->addWidget(m_similarity, 0, 1);
    grid->addWidget(m_components, 1, 0);
    grid->addWidget(m_profile, 1, 1);
    // The curves below need room for their legend (three components and the norm) under the plot;
    // the maps above have their width to keep them readable.
    grid->setRowStretch(0, 2);
    grid->setRowStretch(1, 3);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(grid, 1);
    layout->addWidget(m_hint);

    connect(driver, &Driver::resultAvailable, this, [this](const LabResult& result) {
        m_result = result;
        m_encoding.reset();
        refresh();
    });
    connect(state, &ExplorerState::paintingChanged, this, &EncodingPanel::refresh);
    for (auto* view : {m_pe, m_similarity})
        connect(view, &widgets::HeatmapView::capacityChanged, this, &EncodingPanel::refresh);
    onLanguageChange(this, [this] { refresh(); }); // its texts are of the result shown
}

QString EncodingPanel::hint() const
{
    return m_hint->text();
}

void EncodingPanel::rebuild()
{
    if (!m_result.run.scheme) return;
    try {
        if (!m_encoding) m_encoding = resultEncoding(m_result);
        EncodingPictures pics = encodingPictures(m_result, *m_encoding, m_pe->cellCapacity(),
                                                 m_similarity->cellCapacity(), m_state->pooling());
        m_pe->setData(std::move(pics.pe));
        m_similarity->setData(std::move(pics.similarity));
        m_profile->setData(std::move(pics.profile));
        m_components->setData(std::move(pics.components));
        m_hint->setText(tr("PE: what the scheme adds to every token's input, row i position i's vector; "
                           "under it, the directions along which positions differ most, as curves over "
                           "position, and each vector's length. Beside it, how alike two positions' "
                           "vectors are, and that averaged over pairs \u0394 apart."));
    } catch (const std::exception& e) {
        widgets::HeatmapData message;
        message.title = QString::fromUtf8(e.what());
        m_pe->setData(message);
        m_similarity->setData(widgets::HeatmapData());
        widgets::CurvePlotData none;
        none.title = QStringLiteral(" ");
        m_profile->setData(none);
        m_components->setData(none);
        m_hint->setText(tr("Relative schemes act on the scores, not the inputs: see their bias and "
                           "\u0394-curve. Sinusoidal and learned add an encoding to show here."));
    }
}

} // namespace poslab::gui
