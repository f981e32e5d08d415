package io.github.mssqlk8s.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** PNG charts drawn with Java2D (headless): grouped bars, a histogram, a timeline with marked events. */
final class Charts {

    static final Color[] PALETTE = {new Color(0x4C78A8), new Color(0xF58518), new Color(0x54A24B), new Color(0xB279A2),
        new Color(0xE45756)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 80;

    private Charts() {
    }

    /** A vertical line at {@code x} (in the chart's x unit) with a label. */
    record Marker(double x, String label, Color color) {
    }

    /**
     * Bars per category, one colour per series; {@code series} maps a series name to one value per category
     * (NaN: no bar).
     */
    static void groupedBars(Path file, String title, String yUnit, List<String> categories,
            Map<String, List<Double>> series) throws IOException {
        double max = series.values().stream().flatMap(List::stream).filter(v -> !v.isNaN())
                .mapToDouble(Double::doubleValue).max().orElse(1);
        Canvas canvas = new Canvas(title);
        Plot plot = canvas.plot(0, 1, 0, niceCeiling(max), yUnit);
        int groups = categories.size();
        int perGroup = series.size();
        double groupWidth = (double) plot.width() / groups;
        double barWidth = groupWidth * 0.7 / perGroup;
        int s = 0;
        for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
            Color color = PALETTE[s % PALETTE.length];
            for (int c = 0; c < groups; c++) {
                double value = entry.getValue().get(c);
                if (Double.isNaN(value)) {
                    continue;
                }
                int x = (int) (plot.left() + c * groupWidth + groupWidth * 0.15 + s * barWidth);
                int y = plot.y(value);
                canvas.g.setColor(color);
                canvas.g.fillRect(x, y, (int) Math.max(1, barWidth - 2), plot.bottom() - y);
                canvas.g.setColor(Color.DARK_GRAY);
                canvas.centered(label(value), x + (int) (barWidth / 2), y - 4);
            }
            s++;
        }
        canvas.g.setColor(Color.BLACK);
        for (int c = 0; c < groups; c++) {
            canvas.centered(categories.get(c), (int) (plot.left() + (c + 0.5) * groupWidth), plot.bottom() + 20);
        }
        canvas.legend(series.keySet().stream().toList());
        canvas.write(file);
    }

    /** Counts of {@code values} in bins of {@code binWidth}, labelled in {@code xUnit}. */
    static void histogram(Path file, String title, String xUnit, List<Double> values, double binWidth) throws IOException {
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(binWidth);
        int bins = Math.max(1, (int) Math.ceil((max + binWidth * 0.001) / binWidth));
        int[] counts = new int[bins];
        for (double value : values) {
            counts[Math.min(bins - 1, (int) (value / binWidth))]++;
        }
        int highest = java.util.Arrays.stream(counts).max().orElse(1);
        Canvas canvas = new Canvas(title);
        Plot plot = canvas.plot(0, bins * binWidth, 0, countCeiling(highest), "count");
        for (int b = 0; b < bins; b++) {
            int x0 = plot.x(b * binWidth);
            int x1 = plot.x((b + 1) * binWidth);
            int y = plot.y(counts[b]);
            canvas.g.setColor(PALETTE[0]);
            canvas.g.fillRect(x0 + 1, y, Math.max(1, x1 - x0 - 2), plot.bottom() - y);
            if (counts[b] > 0) {
                canvas.g.setColor(Color.DARK_GRAY);
                canvas.centered(Integer.toString(counts[b]), (x0 + x1) / 2, y - 4);
            }
        }
        canvas.xAxis(plot, 0, bins * binWidth, binWidth * Math.ceil(bins / 10.0), xUnit);
        canvas.write(file);
    }

    /** Bars of {@code perSlot[i]} at x = i × slotWidth, with vertical markers. */
    static void timeline(Path file, String title, String xUnit, String yUnit, double slotWidth, List<Integer> perSlot,
            List<Marker> markers) throws IOException {
        double xMax = Math.max(slotWidth, perSlot.size() * slotWidth);
        int highest = perSlot.stream().mapToInt(Integer::intValue).max().orElse(1);
        Canvas canvas = new Canvas(title);
        Plot plot = canvas.plot(0, xMax, 0, countCeiling(highest), yUnit);
        canvas.g.setColor(PALETTE[0]);
        for (int i = 0; i < perSlot.size(); i++) {
            int x0 = plot.x(i * slotWidth);
            int x1 = plot.x((i + 1) * slotWidth);
            int y = plot.y(perSlot.get(i));
            canvas.g.fillRect(x0, y, Math.max(1, x1 - x0), plot.bottom() - y);
        }
        int labelRow = 0;
        for (Marker marker : markers) {
            int x = plot.x(marker.x());
            canvas.g.setColor(marker.color());
            canvas.g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            canvas.g.drawLine(x, plot.top(), x, plot.bottom());
            canvas.g.setStroke(new BasicStroke(1f));
            canvas.g.drawString(marker.label(), x + 4, plot.top() + 14 + 16 * (labelRow++ % 3));
        }
        canvas.xAxis(plot, 0, xMax, niceCeiling(xMax / 10), xUnit);
        canvas.write(file);
    }

    /** A multiple of 5 above {@code count}, so that the five grid lines fall on whole counts. */
    static double countCeiling(int count) {
        return Math.max(5, 5 * Math.ceil(count * 1.08 / 5));
    }

    /** A round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) a little above {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * magnitude >= value * 1.08) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String label(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** The drawing area in pixels and the data ranges it shows. */
    private record Plot(int left, int top, int right, int bottom, double xMin, double xMax, double yMin, double yMax) {

        int width() {
            return right - left;
        }

        int x(double value) {
            return (int) Math.round(left + (value - xMin) / (xMax - xMin) * (right - left));
        }

        int y(double value) {
            return (int) Math.round(bottom - (value - yMin) / (yMax - yMin) * (bottom - top));
        }
    }

    private static final class Canvas {

        private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        private final Graphics2D g = image.createGraphics();

        Canvas(String title) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
            centered(title, WIDTH / 2, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }

        /** Axes, horizontal grid lines and y labels. */
        Plot plot(double xMin, double xMax, double yMin, double yMax, String yUnit) {
            Plot plot = new Plot(LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM, xMin, xMax, yMin, yMax);
            for (int i = 0; i <= 5; i++) {
                double value = yMin + (yMax - yMin) * i / 5;
                int y = plot.y(value);
                g.setColor(new Color(0xE0E0E0));
                g.drawLine(plot.left(), y, plot.right(), y);
                g.setColor(Color.DARK_GRAY);
                String text = label(value);
                g.drawString(text, plot.left() - 8 - g.getFontMetrics().stringWidth(text), y + 4);
            }
            g.setColor(Color.BLACK);
            g.drawLine(plot.left(), plot.top(), plot.left(), plot.bottom());
            g.drawLine(plot.left(), plot.bottom(), plot.right(), plot.bottom());
            g.drawString(yUnit, 10, TOP - 14);
            return plot;
        }

        void xAxis(Plot plot, double from, double to, double step, String xUnit) {
            g.setColor(Color.DARK_GRAY);
            for (double value = from; value <= to + step * 0.001; value += step) {
                int x = plot.x(value);
                g.drawLine(x, plot.bottom(), x, plot.bottom() + 4);
                centered(label(value), x, plot.bottom() + 18);
            }
            centered(xUnit, (plot.left() + plot.right()) / 2, plot.bottom() + 40);
        }

        void legend(List<String> names) {
            int x = LEFT;
            int y = HEIGHT - 28;
            for (int i = 0; i < names.size(); i++) {
                g.setColor(PALETTE[i % PALETTE.length]);
                g.fillRect(x, y - 10, 12, 12);
                g.setColor(Color.BLACK);
                g.drawString(names.get(i), x + 18, y);
                x += 36 + g.getFontMetrics().stringWidth(names.get(i));
            }
        }

        void centered(String text, int x, int baseline) {
            FontMetrics metrics = g.getFontMetrics();
            g.drawString(text, x - metrics.stringWidth(text) / 2, baseline);
        }

        void write(Path file) throws IOException {
            g.dispose();
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        }
    }
}
