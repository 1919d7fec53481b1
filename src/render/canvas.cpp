#include "render/canvas.hpp"

#include "core/error.hpp"
#include "core/resources.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <png.h>
#include <isa-l/igzip_lib.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

namespace regiomap::render {

namespace {

constexpr const char* kFontFamily = "Noto Sans";
// The two faces regiomap draws with; nothing else from the machine's fonts is used.
constexpr const char* kFontFiles[] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"};

std::filesystem::path font_directory() { return find_font_folder({kFontFiles[0], kFontFiles[1]}); }

// One font map per thread (pango's font maps are not shared between threads), on a
// private fontconfig configuration that holds only the Noto Sans files, so a
// machine's own fonts and settings never change a map.
struct FontMapOwner {
    PangoFontMap* font_map = nullptr;
    std::string failure;
    bool tried = false;
    ~FontMapOwner() {
        if (font_map) g_object_unref(font_map);
    }
};

PangoFontMap* shared_font_map() {
    static thread_local FontMapOwner owner;
    if (!owner.tried) {
        owner.tried = true;
        std::filesystem::path folder;
        try {
            folder = font_directory();
        } catch (const Error& missing) {
            owner.failure = missing.what();
            throw;
        }
        FcConfig* config = FcConfigCreate();
        for (const char* name : kFontFiles) {
            const auto file = folder / name;
            if (!FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(file.c_str()))) {
                owner.failure = fmt::format("font {} not found (install Debian's fonts-noto-core, or set REGIOMAP_FONT_DIR "
                                            "to a folder holding {} and {})",
                                            file.string(), kFontFiles[0], kFontFiles[1]);
                FcConfigDestroy(config);
                break;
            }
        }
        if (owner.failure.empty()) {
            owner.font_map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
            pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(owner.font_map), config);
            FcConfigDestroy(config);  // the font map holds its own reference
        }
    }
    if (!owner.font_map) throw Error(owner.failure);
    return owner.font_map;
}

// PNG: each glyph's halo rasterised once per thread as an 8-bit mask for each quarter-pixel
// phase in x and y (and size, halo width and resolution), and stamped under every label that uses the glyph. Stroking the
// text outline for every label was a fifth of the time of a map's PNG; a mask stamped
// at most 1/8 pixel from its exact place looks the same. The scaled font is held, so
// its address cannot be reused by another font while it keys the cache.
class RasterHaloCache {
public:
    static constexpr int kPhases = 4;

    RasterHaloCache() = default;
    RasterHaloCache(const RasterHaloCache&) = delete;
    RasterHaloCache& operator=(const RasterHaloCache&) = delete;
    ~RasterHaloCache() { clear(); }

    struct Mask {
        cairo_surface_t* surface = nullptr;
        int origin_x = 0, origin_y = 0;  // the glyph's origin inside the mask, in whole pixels (before the phase)
    };

    // `scale`: device pixels per point; `phase_x`, `phase_y`: quarter pixels, 0..3.
    const Mask& mask(cairo_scaled_font_t* font, unsigned long glyph, double width_pt, double scale, int phase_x,
                     int phase_y) {
        const Key key{font, glyph, width_pt, scale, phase_x, phase_y};
        auto found = masks_.find(key);
        if (found != masks_.end()) return found->second;
        if (masks_.size() >= kMaxMasks) clear();
        if (fonts_.insert(font).second) cairo_scaled_font_reference(font);
        cairo_glyph_t at_origin{glyph, 0, 0};
        cairo_text_extents_t ink;
        cairo_scaled_font_glyph_extents(font, &at_origin, 1, &ink);
        const double margin = (width_pt + 1) * scale + 1;
        Mask mask;
        mask.origin_x = static_cast<int>(std::ceil(margin - ink.x_bearing * scale));
        mask.origin_y = static_cast<int>(std::ceil(margin - ink.y_bearing * scale));
        const int width = static_cast<int>(std::ceil(ink.width * scale + 2 * margin)) + 2;
        const int height = static_cast<int>(std::ceil(ink.height * scale + 2 * margin)) + 2;
        mask.surface = cairo_image_surface_create(CAIRO_FORMAT_A8, width, height);
        cairo_t* cr = cairo_create(mask.surface);
        cairo_translate(cr, mask.origin_x + static_cast<double>(phase_x) / kPhases,
                        mask.origin_y + static_cast<double>(phase_y) / kPhases);
        cairo_scale(cr, scale, scale);
        cairo_set_scaled_font(cr, font);
        cairo_glyph_path(cr, &at_origin, 1);
        cairo_set_line_width(cr, 2 * width_pt);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_stroke(cr);
        cairo_destroy(cr);
        cairo_surface_flush(mask.surface);
        return masks_.emplace(key, mask).first->second;
    }

private:
    // A report needs about 3,000 masks (16 phases of each glyph of a few label sizes); a thread
    // drawing many sizes or resolutions starts again above this.
    static constexpr std::size_t kMaxMasks = 20000;

    void clear() {
        for (auto& [key, mask] : masks_) cairo_surface_destroy(mask.surface);
        for (cairo_scaled_font_t* font : fonts_) cairo_scaled_font_destroy(font);
        masks_.clear();
        fonts_.clear();
    }

    struct Key {
        cairo_scaled_font_t* font;
        unsigned long glyph;
        double width_pt, scale;
        int phase_x, phase_y;
        auto operator<=>(const Key&) const = default;
    };
    std::map<Key, Mask> masks_;
    std::set<cairo_scaled_font_t*> fonts_;
};

// A device coordinate as whole pixels and the nearest quarter pixel (0..3) beyond them.
struct PixelPlace {
    double whole;
    int phase;
};
PixelPlace pixel_place(double device) {
    PixelPlace place{std::floor(device), 0};
    place.phase = static_cast<int>(std::lround((device - place.whole) * RasterHaloCache::kPhases));
    if (place.phase == RasterHaloCache::kPhases) place = {place.whole + 1, 0};
    return place;
}

RasterHaloCache& raster_halo_cache() {
    static thread_local RasterHaloCache cache;
    return cache;
}

void append_png_bytes(png_structp png, png_bytep data, png_size_t length) {
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

// igzip's level 2: on the report's maps the size of zlib's level 1 (2% larger) in a sixth of the
// time; its level 1 was no faster and 20% larger, its level 3 four to six times slower.
constexpr int kIgzipLevel = 2;
// Maps compress to about a twentieth of their raw pixels: an eighth is room enough for the first
// try, and a busier image grows the buffer.
constexpr std::size_t kFirstOutputShare = 8;

// A PNG's pixel rows as one zlib stream, compressed in memory by Intel's ISA-L (igzip).
class PixelDeflater {
public:
    explicit PixelDeflater(std::size_t raw_size)
        : level_buffer_(ISAL_DEF_LVL2_DEFAULT), out_(raw_size / kFirstOutputShare + 4096),
          stream_(std::make_unique<isal_zstream>()) {  // about 80 kB: not on a worker thread's stack
        isal_deflate_init(stream_.get());
        stream_->gzip_flag = IGZIP_ZLIB;
        stream_->level = kIgzipLevel;
        stream_->level_buf = level_buffer_.data();
        stream_->level_buf_size = static_cast<std::uint32_t>(level_buffer_.size());
        stream_->next_out = out_.data();
        stream_->avail_out = static_cast<std::uint32_t>(out_.size());
    }
    // The stream points into the buffers: neither copied nor moved.
    PixelDeflater(const PixelDeflater&) = delete;
    PixelDeflater& operator=(const PixelDeflater&) = delete;

    void add(const unsigned char* rows, std::size_t size) { deflate(rows, size, false); }
    void finish(const unsigned char* rows, std::size_t size) { deflate(rows, size, true); }

    const unsigned char* data() const { return out_.data(); }
    std::size_t size() const { return stream_->total_out; }

private:
    void deflate(const unsigned char* rows, std::size_t size, bool last) {
        isal_zstream& stream = *stream_;
        stream.next_in = const_cast<unsigned char*>(rows);  // igzip's interface is not const; it only reads
        stream.avail_in = static_cast<std::uint32_t>(size);
        stream.end_of_stream = last ? 1 : 0;
        stream.flush = NO_FLUSH;
        for (;;) {
            const std::uint32_t out_before = stream.total_out, in_before = stream.avail_in;
            if (isal_deflate(&stream) != COMP_OK) throw Error("ISA-L could not compress the PNG's pixels");
            const bool done = last ? stream.internal_state.state == ZSTATE_END : stream.avail_in == 0;
            if (done) return;
            if (stream.avail_out > 0 && stream.total_out == out_before && stream.avail_in == in_before) {
                throw Error("ISA-L stopped compressing the PNG's pixels");
            }
            if (stream.avail_out == 0) {  // a busier image than expected: more room, same stream
                const std::size_t used = out_.size();
                out_.resize(used * 2);
                stream.next_out = out_.data() + used;
                stream.avail_out = static_cast<std::uint32_t>(out_.size() - used);
            }
        }
    }

    std::vector<std::uint8_t> level_buffer_;
    std::vector<unsigned char> out_;
    std::unique_ptr<isal_zstream> stream_;
};

// The image as an 8-bit RGB PNG: libpng writes the signature, header and chunk checksums, and
// the pixels go in as one IDAT chunk that ISA-L compressed. cairo's own writer (zlib level 6)
// took a third of the report's time; zlib's level 1 still took a tenth (15 ms a map), igzip
// takes 2.5 ms for files 2% larger. Maps are flat colours, found as repeats without a row
// filter (unfiltered rows came out a sixth smaller than with the "sub" filter).
std::string encode_png(cairo_surface_t* surface) {
    const int width = cairo_image_surface_get_width(surface);
    const int height = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const std::size_t row_bytes = 1 + static_cast<std::size_t>(width) * 3;  // filter byte, then RGB
    PixelDeflater pixels(row_bytes * static_cast<std::size_t>(height));
    constexpr int kRowsPerBlock = 32;
    std::vector<unsigned char> block(row_bytes * kRowsPerBlock);
    for (int first = 0; first < height; first += kRowsPerBlock) {
        const int rows = std::min(kRowsPerBlock, height - first);
        for (int r = 0; r < rows; ++r) {
            const unsigned char* source = data + static_cast<std::ptrdiff_t>(first + r) * stride;
            unsigned char* row = block.data() + static_cast<std::size_t>(r) * row_bytes;
            row[0] = 0;  // PNG filter type None
            for (int x = 0; x < width; ++x) {
                std::uint32_t argb;
                std::memcpy(&argb, source + 4 * x, 4);
                // Premultiplied: over white, a pixel is its colour plus (1 - alpha) of white.
                const unsigned alpha = argb >> 24;
                row[1 + 3 * x] = static_cast<unsigned char>(((argb >> 16) & 0xFF) + (255 - alpha));
                row[2 + 3 * x] = static_cast<unsigned char>(((argb >> 8) & 0xFF) + (255 - alpha));
                row[3 + 3 * x] = static_cast<unsigned char>((argb & 0xFF) + (255 - alpha));
            }
        }
        const std::size_t size = row_bytes * static_cast<std::size_t>(rows);
        if (first + rows < height) {
            pixels.add(block.data(), size);
        } else {
            pixels.finish(block.data(), size);
        }
    }

    std::string bytes;
    bytes.reserve(pixels.size() + 128);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        throw Error("libpng could not start a PNG");
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        throw Error("libpng could not write the PNG");
    }
    png_set_write_fn(png, &bytes, append_png_bytes, nullptr);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"), pixels.data(), pixels.size());
    // The end chunk by hand too: png_write_end refuses ("No IDATs written") an image whose rows it did not write.
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
    png_destroy_write_struct(&png, &info);
    return bytes;
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void set_source(cairo_t* cr, const Colour& colour) {
    cairo_set_source_rgba(cr, colour.red, colour.green, colour.blue, colour.alpha);
}

void add_rings(cairo_t* cr, const std::vector<PolygonRings>& polygons) {
    for (const auto& polygon : polygons) {
        for (const auto& ring : polygon.rings) {
            if (ring.size() < 3) continue;
            cairo_move_to(cr, ring.front().x, ring.front().y);
            for (std::size_t i = 1; i < ring.size(); ++i) cairo_line_to(cr, ring[i].x, ring[i].y);
            cairo_close_path(cr);
        }
    }
}

}  // namespace

OutputKind output_kind_for(const std::filesystem::path& file) {
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    if (extension == ".png") return OutputKind::png;
    if (extension == ".svg") return OutputKind::svg;
    if (extension == ".pdf") return OutputKind::pdf;
    throw UsageError(fmt::format("cannot tell the output format of '{}': name it .png, .svg or .pdf", file.string()));
}

struct Canvas::Impl {
    OutputKind kind;
    PageSize page;
    std::string bytes;
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    PangoContext* text_context = nullptr;
    bool finished = false;
    double png_scale = 1;  // device pixels per point
    std::vector<SvgHaloStyle> svg_halos;  // SVG: the halo styles drawn so far, by marker index

    std::size_t svg_halo_index(const Colour& colour, double width_pt) {
        for (std::size_t i = 0; i < svg_halos.size(); ++i) {
            const Colour& known = svg_halos[i].colour;
            if (known.red == colour.red && known.green == colour.green && known.blue == colour.blue &&
                svg_halos[i].width_pt == width_pt) {
                return i;
            }
        }
        svg_halos.push_back({colour, width_pt});
        return svg_halos.size() - 1;
    }
    // PDF: each glyph's halo, stroked once into a recording surface that every label using
    // that glyph paints. The PDF then holds each halo outline once, as a form, instead of once
    // per label (the report's PDF halves), and cairo writes far fewer path numbers. Not for
    // SVG: cairo 1.16's SVG surface and a recording source it paints keep each other alive,
    // so every SVG document would leak (LeakSanitizer showed it in .ci/run).
    struct HaloGlyph {
        cairo_scaled_font_t* font;
        unsigned long glyph;
        double width_pt;
        double red, green, blue;
        auto operator<=>(const HaloGlyph&) const = default;
    };
    std::map<HaloGlyph, cairo_surface_t*> halo_glyphs;

    ~Impl() {
        forget_layouts();
        for (auto& [glyph, recording] : halo_glyphs) {
            cairo_surface_destroy(recording);
            cairo_scaled_font_destroy(glyph.font);
        }
        if (text_context) g_object_unref(text_context);
        if (cr) cairo_destroy(cr);
        if (surface) cairo_surface_destroy(surface);
    }

    void check(const char* operation) const {
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
            throw Error(fmt::format("drawing failed in {}: {}", operation, cairo_status_to_string(cairo_status(cr))));
        }
    }

    // Text is laid out once per canvas: a map measures each label to place it and then draws
    // it, and a report table measures every cell before drawing it. The cache is emptied when
    // it grows large (a report's longest table has about 4,000 cells).
    struct LayoutKey {
        std::string text;
        double size_pt, max_width_pt;
        Weight weight;
        auto operator<=>(const LayoutKey&) const = default;
    };
    static constexpr std::size_t kMaxCachedLayouts = 8192;
    std::map<LayoutKey, PangoLayout*> layouts;

    void forget_layouts() {
        for (auto& [key, cached] : layouts) g_object_unref(cached);
        layouts.clear();
    }

    // The layout of `text` in `style`, owned by the cache.
    PangoLayout* layout(const std::string& text, const TextStyle& style) {
        LayoutKey key{text, style.size_pt, style.max_width_pt, style.weight};
        auto found = layouts.find(key);
        if (found != layouts.end()) return found->second;
        if (layouts.size() >= kMaxCachedLayouts) forget_layouts();
        PangoLayout* created = new_layout(text, style);
        layouts.emplace(std::move(key), created);
        return created;
    }

    PangoLayout* new_layout(const std::string& text, const TextStyle& style) const {
        PangoLayout* layout = pango_layout_new(text_context);
        PangoFontDescription* font = pango_font_description_new();
        pango_font_description_set_family(font, kFontFamily);
        pango_font_description_set_weight(font, style.weight == Weight::bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_absolute_size(font, style.size_pt * PANGO_SCALE);
        pango_layout_set_font_description(layout, font);
        pango_font_description_free(font);
        if (style.max_width_pt > 0) {
            pango_layout_set_width(layout, static_cast<int>(style.max_width_pt * PANGO_SCALE));
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
        }
        // Only valid UTF-8 reaches pango; anything else would be drawn as boxes or dropped silently.
        if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
            g_object_unref(layout);
            throw Error("text to draw is not UTF-8: " + text.substr(0, 40));
        }
        pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
        return layout;
    }

    // The halo of one glyph, recorded on first use.
    cairo_surface_t* halo_glyph(cairo_scaled_font_t* font, unsigned long glyph, const Colour& halo, double width_pt) {
        const HaloGlyph key{font, glyph, width_pt, halo.red, halo.green, halo.blue};
        auto found = halo_glyphs.find(key);
        if (found != halo_glyphs.end()) return found->second;
        cairo_glyph_t at_origin{glyph, 0, 0};
        cairo_text_extents_t ink;
        cairo_scaled_font_glyph_extents(font, &at_origin, 1, &ink);
        const double margin = width_pt + 1;
        const cairo_rectangle_t extents{ink.x_bearing - margin, ink.y_bearing - margin, ink.width + 2 * margin,
                                        ink.height + 2 * margin};
        cairo_surface_t* recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
        cairo_t* halo_cr = cairo_create(recording);
        cairo_set_scaled_font(halo_cr, font);
        cairo_glyph_path(halo_cr, &at_origin, 1);
        set_source(halo_cr, halo);
        cairo_set_line_width(halo_cr, 2 * width_pt);
        cairo_set_line_join(halo_cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_cap(halo_cr, CAIRO_LINE_CAP_ROUND);
        cairo_stroke(halo_cr);
        cairo_destroy(halo_cr);
        halo_glyphs.emplace(HaloGlyph{cairo_scaled_font_reference(font), glyph, width_pt, halo.red, halo.green, halo.blue},
                            recording);
        return recording;
    }

    // Calls `each` with the scaled font, glyph and page position (its origin on the baseline)
    // of every drawn glyph of the layout placed with its top left at `origin`.
    template <typename EachGlyph>
    static void for_each_glyph(PangoLayout* layout, Point origin, EachGlyph each) {
        PangoLayoutIter* run_iter = pango_layout_get_iter(layout);
        do {
            PangoLayoutRun* run = pango_layout_iter_get_run_readonly(run_iter);
            if (!run) continue;
            PangoRectangle run_extent;
            pango_layout_iter_get_run_extents(run_iter, nullptr, &run_extent);
            const double baseline = static_cast<double>(pango_layout_iter_get_baseline(run_iter)) / PANGO_SCALE;
            cairo_scaled_font_t* font = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
            int x = run_extent.x;
            for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
                const PangoGlyphInfo& info = run->glyphs->glyphs[i];
                const bool drawn = font && info.glyph != PANGO_GLYPH_EMPTY && !(info.glyph & PANGO_GLYPH_UNKNOWN_FLAG);
                if (drawn) {
                    each(font, info.glyph,
                         Point{origin.x + static_cast<double>(x + info.geometry.x_offset) / PANGO_SCALE,
                               origin.y + baseline + static_cast<double>(info.geometry.y_offset) / PANGO_SCALE});
                }
                x += info.geometry.width;
            }
        } while (pango_layout_iter_next_run(run_iter));
        pango_layout_iter_free(run_iter);
    }

    // PNG: the layout's halo stamped glyph by glyph from the thread's masks.
    void stamp_glyph_halos(PangoLayout* layout, Point origin, const Colour& halo, double width_pt) {
        RasterHaloCache& cache = raster_halo_cache();
        cairo_save(cr);
        cairo_matrix_t to_device;
        cairo_get_matrix(cr, &to_device);
        // Masks are stamped in device pixels, so that a whole-pixel offset copies them unfiltered.
        cairo_identity_matrix(cr);
        set_source(cr, halo);
        for_each_glyph(layout, origin, [&](cairo_scaled_font_t* font, unsigned long glyph, Point at) {
            double x = at.x, y = at.y;
            cairo_matrix_transform_point(&to_device, &x, &y);
            const PixelPlace place_x = pixel_place(x), place_y = pixel_place(y);
            const auto& mask = cache.mask(font, glyph, width_pt, png_scale, place_x.phase, place_y.phase);
            cairo_mask_surface(cr, mask.surface, place_x.whole - mask.origin_x, place_y.whole - mask.origin_y);
        });
        cairo_restore(cr);
    }

    // The layout's halo, glyph by glyph, with its top left at `origin`.
    void paint_glyph_halos(PangoLayout* layout, Point origin, const Colour& halo, double width_pt) {
        for_each_glyph(layout, origin, [&](cairo_scaled_font_t* font, unsigned long glyph, Point at) {
            cairo_set_source_surface(cr, halo_glyph(font, glyph, halo, width_pt), at.x, at.y);
            cairo_paint(cr);
        });
    }
};

Canvas::Canvas(OutputKind kind, PageSize page, double dpi, DocumentInfo info) : impl_(std::make_unique<Impl>()) {
    impl_->kind = kind;
    impl_->page = page;
    switch (kind) {
        case OutputKind::png: {
            const double scale = dpi / 72.0;
            impl_->png_scale = scale;
            impl_->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                        static_cast<int>(std::lround(page.width_pt * scale)),
                                                        static_cast<int>(std::lround(page.height_pt * scale)));
            impl_->cr = cairo_create(impl_->surface);
            cairo_scale(impl_->cr, scale, scale);
            // Shapes with cairo's faster antialiasing from 144 dpi (the report's maps are 150): there
            // its edges look the same on a map, a fifth of a PNG's drawing time is saved and the files
            // are a fifth smaller. Glyphs keep their grey antialiasing through the font options (a
            // translucent halo, a stroked outline, is a shape). Screen sizes keep the full antialiasing.
            if (dpi >= 144) cairo_set_antialias(impl_->cr, CAIRO_ANTIALIAS_FAST);
            break;
        }
        case OutputKind::svg:
            impl_->surface = cairo_svg_surface_create_for_stream(append_to_string, &impl_->bytes, page.width_pt,
                                                                 page.height_pt);
            cairo_svg_surface_set_document_unit(impl_->surface, CAIRO_SVG_UNIT_PT);
            impl_->cr = cairo_create(impl_->surface);
            break;
        case OutputKind::pdf:
            impl_->surface = cairo_pdf_surface_create_for_stream(append_to_string, &impl_->bytes, page.width_pt,
                                                                 page.height_pt);
            cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
            cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_CREATOR, "regiomap");
            cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_CREATE_DATE, info.creation_date.c_str());
            impl_->cr = cairo_create(impl_->surface);
            break;
    }
    impl_->check("creating the surface");

    impl_->text_context = pango_font_map_create_context(shared_font_map());
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(impl_->text_context, options);
    cairo_font_options_destroy(options);
    pango_cairo_context_set_resolution(impl_->text_context, 72.0);
    pango_cairo_update_context(impl_->cr, impl_->text_context);
    cairo_set_line_join(impl_->cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(impl_->cr, CAIRO_LINE_CAP_ROUND);
}

Canvas::~Canvas() = default;

OutputKind Canvas::kind() const { return impl_->kind; }
PageSize Canvas::page() const { return impl_->page; }

void Canvas::fill_rectangle(Point top_left, double width, double height, const Colour& fill) {
    cairo_rectangle(impl_->cr, top_left.x, top_left.y, width, height);
    set_source(impl_->cr, fill);
    cairo_fill(impl_->cr);
}

void Canvas::stroke_rectangle(Point top_left, double width, double height, const Colour& line, double width_pt) {
    cairo_rectangle(impl_->cr, top_left.x, top_left.y, width, height);
    set_source(impl_->cr, line);
    cairo_set_line_width(impl_->cr, width_pt);
    cairo_stroke(impl_->cr);
}

void Canvas::fill_polygons(const std::vector<PolygonRings>& polygons, const Colour& fill) {
    cairo_set_fill_rule(impl_->cr, CAIRO_FILL_RULE_EVEN_ODD);
    add_rings(impl_->cr, polygons);
    set_source(impl_->cr, fill);
    cairo_fill(impl_->cr);
    impl_->check("filling polygons");
}

void Canvas::stroke_polygons(const std::vector<PolygonRings>& polygons, const Colour& line, double width_pt) {
    add_rings(impl_->cr, polygons);
    set_source(impl_->cr, line);
    cairo_set_line_width(impl_->cr, width_pt);
    cairo_stroke(impl_->cr);
    impl_->check("stroking polygons");
}

void Canvas::polyline(const std::vector<Point>& points, const Colour& line, double width_pt) {
    stroke_lines({{points, false}}, line, width_pt);
}

void Canvas::stroke_lines(const std::vector<Polyline>& lines, const Colour& line, double width_pt) {
    if (lines.empty()) return;
    for (const auto& polyline : lines) {
        if (polyline.points.size() < 2) continue;
        cairo_move_to(impl_->cr, polyline.points.front().x, polyline.points.front().y);
        for (std::size_t i = 1; i < polyline.points.size(); ++i) {
            cairo_line_to(impl_->cr, polyline.points[i].x, polyline.points[i].y);
        }
        if (polyline.closed) cairo_close_path(impl_->cr);
    }
    set_source(impl_->cr, line);
    cairo_set_line_width(impl_->cr, width_pt);
    cairo_stroke(impl_->cr);  // with the canvas's round caps and joins
    impl_->check("stroking lines");
}

void Canvas::fill_circle(Point centre, double radius_pt, const Colour& fill, const Colour& outline, double outline_pt) {
    cairo_new_sub_path(impl_->cr);
    cairo_arc(impl_->cr, centre.x, centre.y, radius_pt, 0, 2 * M_PI);
    set_source(impl_->cr, fill);
    if (outline_pt > 0) {
        cairo_fill_preserve(impl_->cr);
        set_source(impl_->cr, outline);
        cairo_set_line_width(impl_->cr, outline_pt);
        cairo_stroke(impl_->cr);
    } else {
        cairo_fill(impl_->cr);
    }
}

TextExtent Canvas::measure_text(const std::string& text, const TextStyle& style) const {
    PangoLayout* layout = impl_->layout(text, style);
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return {static_cast<double>(logical.width) / PANGO_SCALE, static_cast<double>(logical.height) / PANGO_SCALE};
}

void Canvas::draw_text(const std::string& text, Point anchor, const TextStyle& style, Align align) {
    PangoLayout* layout = impl_->layout(text, style);
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    if (style.max_width_pt > 0) {
        pango_layout_set_alignment(layout, align == Align::centre  ? PANGO_ALIGN_CENTER
                                           : align == Align::right ? PANGO_ALIGN_RIGHT
                                                                   : PANGO_ALIGN_LEFT);
        pango_layout_get_extents(layout, nullptr, &logical);
    }
    // A wrapped layout is as wide as its maximum and aligns lines inside it: the text's
    // own left edge is logical.x from the layout's, so the anchor holds the text itself.
    const double width = static_cast<double>(logical.width) / PANGO_SCALE;
    double x = anchor.x - static_cast<double>(logical.x) / PANGO_SCALE;
    if (align == Align::centre) x -= width / 2;
    if (align == Align::right) x -= width;
    cairo_t* cr = impl_->cr;
    cairo_move_to(cr, x, anchor.y);
    // Glyph by glyph (PDF forms, PNG masks, SVG glyph uses) only where overlapping halos cannot
    // show: an opaque halo. A translucent one is the text's outline stroked once.
    const bool glyph_halos = style.halo_width_pt > 0 && style.halo.alpha >= 1;
    if (glyph_halos && impl_->kind == OutputKind::pdf) {
        impl_->paint_glyph_halos(layout, {x, anchor.y}, style.halo, style.halo_width_pt);
        cairo_move_to(cr, x, anchor.y);
    } else if (glyph_halos && impl_->kind == OutputKind::png) {
        impl_->stamp_glyph_halos(layout, {x, anchor.y}, style.halo, style.halo_width_pt);
        cairo_move_to(cr, x, anchor.y);
    } else if (glyph_halos && impl_->kind == OutputKind::svg) {
        cairo_set_source_rgba(cr, 0, 0, 0, svg_halo_marker(impl_->svg_halo_index(style.halo, style.halo_width_pt)));
        pango_cairo_show_layout(cr, layout);
        cairo_move_to(cr, x, anchor.y);
    } else if (style.halo_width_pt > 0) {
        // The halo is the text's outline stroked wide under the text itself.
        pango_cairo_layout_path(cr, layout);
        set_source(cr, style.halo);
        cairo_set_line_width(cr, 2 * style.halo_width_pt);
        cairo_stroke(cr);
        cairo_move_to(cr, x, anchor.y);
    }
    set_source(cr, style.colour);
    pango_cairo_show_layout(cr, layout);
    impl_->check("drawing text");
}

void Canvas::clip_rectangle(Point top_left, double width, double height) {
    cairo_save(impl_->cr);
    cairo_rectangle(impl_->cr, top_left.x, top_left.y, width, height);
    cairo_clip(impl_->cr);
}

void Canvas::reset_clip() { cairo_restore(impl_->cr); }

void Canvas::next_page() { next_page(impl_->page); }

void Canvas::next_page(PageSize page) {
    if (impl_->kind != OutputKind::pdf) throw Error("only a PDF has more than one page");
    cairo_show_page(impl_->cr);
    cairo_pdf_surface_set_size(impl_->surface, page.width_pt, page.height_pt);
    impl_->page = page;
}

std::string Canvas::finish() {
    if (impl_->finished) throw Error("a canvas is finished once");
    impl_->finished = true;
    impl_->check("finishing the drawing");
    if (impl_->kind == OutputKind::png) {
        cairo_surface_flush(impl_->surface);
        return encode_png(impl_->surface);
    }
    cairo_destroy(impl_->cr);
    impl_->cr = nullptr;
    cairo_surface_finish(impl_->surface);
    if (cairo_surface_status(impl_->surface) != CAIRO_STATUS_SUCCESS) {
        throw Error(fmt::format("cairo could not write the {}: {}", impl_->kind == OutputKind::svg ? "SVG" : "PDF",
                                cairo_status_to_string(cairo_surface_status(impl_->surface))));
    }
    if (impl_->kind == OutputKind::svg) {
        return round_svg_numbers(renumber_svg_ids(mark_svg_halos(impl_->bytes, impl_->svg_halos)));
    }
    return std::move(impl_->bytes);
}

namespace {

constexpr double kSvgHaloMarkerBase = 0.01;
constexpr double kSvgHaloMarkerStep = 0.00001;
constexpr std::size_t kSvgHaloMarkers = 100;
// How cairo 1.16 opens a group of glyphs filled with a marker (black, opacity 0.01...),
// and the path inside each glyph symbol, whose "stroke:none" would block a halo's stroke.
constexpr std::string_view kMarkedGroupStyle = "<g style=\"fill:rgb(0%,0%,0%);fill-opacity:";
constexpr std::string_view kMarkedGroup = "<g style=\"fill:rgb(0%,0%,0%);fill-opacity:0.01";
constexpr std::string_view kGlyphSymbol = "<symbol overflow=\"visible\" id=\"glyph";
constexpr std::string_view kUnstrokedPath = "<path style=\"stroke:none;\" d=";

std::string svg_percent(double channel) { return fmt::format("{}%", std::round(std::clamp(channel, 0.0, 1.0) * 10000) / 100); }

}  // namespace

double svg_halo_marker(std::size_t index) {
    if (index >= kSvgHaloMarkers) throw Error(fmt::format("a map has more than {} halo styles", kSvgHaloMarkers));
    return kSvgHaloMarkerBase + static_cast<double>(index) * kSvgHaloMarkerStep;
}

std::string mark_svg_halos(const std::string& svg, const std::vector<SvgHaloStyle>& styles) {
    if (styles.empty()) return svg;
    std::string out;
    out.reserve(svg.size());
    std::size_t position = 0, rewritten = 0;
    // The next group and symbol, each searched again only once passed (the symbols all come
    // first, in the definitions, so searching both from every place would rescan the file).
    std::size_t group = svg.find(kMarkedGroup), symbol = svg.find(kGlyphSymbol);
    while (group != std::string::npos || symbol != std::string::npos) {
        if (symbol < group) {
            // The glyph's path without its own "stroke:none", so a stroke set on a <use> reaches it.
            const std::size_t end = svg.find("</symbol>", symbol);
            const std::size_t path = svg.find(kUnstrokedPath, symbol);
            if (path != std::string::npos && path < end) {
                out.append(svg, position, path - position);
                out += "<path d=";
                position = path + kUnstrokedPath.size();
            }
            symbol = svg.find(kGlyphSymbol, symbol + kGlyphSymbol.size());
            continue;
        }
        // A marker is exactly 0.01 + index * 0.00001 for a drawn halo style; any other opacity
        // (black text at 1.5%, say) is text and stays as it is.
        const std::size_t opacity_at = group + kMarkedGroupStyle.size();
        const std::size_t style_end = svg.find(";\">", opacity_at);
        const double opacity = std::strtod(svg.c_str() + opacity_at, nullptr);
        const long index = std::lround((opacity - kSvgHaloMarkerBase) / kSvgHaloMarkerStep);
        const bool marker = style_end != std::string::npos && index >= 0 &&
                            static_cast<std::size_t>(index) < styles.size() &&
                            std::fabs(opacity - svg_halo_marker(static_cast<std::size_t>(index))) < 1e-9;
        if (!marker) {
            group = svg.find(kMarkedGroup, group + kMarkedGroup.size());
            continue;
        }
        const SvgHaloStyle& style = styles[static_cast<std::size_t>(index)];
        const std::string colour = fmt::format("rgb({},{},{})", svg_percent(style.colour.red),
                                               svg_percent(style.colour.green), svg_percent(style.colour.blue));
        out.append(svg, position, group - position);
        out += fmt::format("<g style=\"fill:{0};fill-opacity:1;stroke:{0};stroke-width:{1};stroke-linecap:round;"
                           "stroke-linejoin:round;\">",
                           colour, std::round(200 * style.width_pt) / 100);
        position = style_end + 3;
        ++rewritten;
        group = svg.find(kMarkedGroup, position);
    }
    // Halos were drawn but neither a marked group nor a glyph symbol is in the form cairo 1.16
    // writes: this cairo writes its SVG otherwise, and the halos would show as faint black text.
    // Better no map than a wrong one. (Marked groups alone may be missing: cairo leaves out text
    // drawn wholly off the page.)
    if (rewritten == 0 && svg.find(kGlyphSymbol) == std::string::npos) {
        throw Error("this cairo writes SVG text in a form regiomap does not know (it was built for cairo 1.16): "
                    "the labels' halos cannot be drawn in SVG");
    }
    out.append(svg, position, std::string::npos);
    return out;
}

std::string round_svg_numbers(const std::string& svg) {
    std::string out;
    out.reserve(svg.size());
    std::size_t i = 0;
    const std::size_t size = svg.size();
    auto digit = [&](std::size_t at) { return at < size && std::isdigit(static_cast<unsigned char>(svg[at])); };
    while (i < size) {
        // A number starts at a digit that does not continue a name ("glyph0-1", "surface12");
        // a minus sign before it stays where it is.
        auto name_character = [&](std::size_t at) {
            const unsigned char c = static_cast<unsigned char>(svg[at]);
            return std::isalnum(c) || c == '.' || c == '_';
        };
        bool starts = digit(i) && (i == 0 || !name_character(i - 1));
        if (starts && i > 0 && svg[i - 1] == '-') starts = i < 2 || !name_character(i - 2);
        if (!starts) {
            out.push_back(svg[i++]);
            continue;
        }
        std::size_t end = i;
        while (digit(end)) ++end;
        if (end < size && svg[end] == '.' && digit(end + 1)) {
            std::size_t fraction_end = end + 1;
            while (digit(fraction_end)) ++fraction_end;
            if (fraction_end - end - 1 > 2) {
                // Two decimals of a point (1/7200 inch) are finer than any screen or printer shows.
                // Rounded half up on the digits themselves (no parse and print: a map has 10^5 numbers).
                std::string digits = svg.substr(i, end - i) + svg.substr(end + 1, 2);
                if (svg[end + 3] >= '5') {
                    std::size_t k = digits.size();
                    while (k > 0 && digits[k - 1] == '9') digits[--k] = '0';
                    if (k == 0) {
                        digits.insert(digits.begin(), '1');
                    } else {
                        ++digits[k - 1];
                    }
                }
                std::string rounded = digits.substr(0, digits.size() - 2) + "." + digits.substr(digits.size() - 2);
                while (rounded.back() == '0') rounded.pop_back();
                if (rounded.back() == '.') rounded.pop_back();
                out += rounded;
                i = fraction_end;
                continue;
            }
            end = fraction_end;
        }
        out.append(svg, i, end - i);
        i = end;
    }
    return out;
}

std::string renumber_svg_ids(const std::string& svg) {
    // Every reference to an id stands behind one of these; an id is letters, then digits, then the rest
    // ("glyph3-12": letters "glyph", number 3, rest "-12"). Only the number is process-wide.
    static constexpr std::string_view kOpeners[] = {"id=\"", "href=\"#", "url(#"};
    std::map<std::pair<std::string, std::string>, std::string> renamed;  // (letters, number) -> new number
    std::map<std::string, int> next_number;                               // letters -> next new number
    std::string out;
    out.reserve(svg.size());
    std::size_t position = 0;
    // The next place of each opener, found once and searched again only when passed:
    // a search from every position would rescan the file once per id.
    std::size_t next_at[std::size(kOpeners)];
    for (std::size_t k = 0; k < std::size(kOpeners); ++k) next_at[k] = svg.find(kOpeners[k]);
    while (position < svg.size()) {
        std::size_t found = std::string::npos, opener_length = 0;
        for (std::size_t k = 0; k < std::size(kOpeners); ++k) {
            if (next_at[k] != std::string::npos && next_at[k] < position) next_at[k] = svg.find(kOpeners[k], position);
            if (next_at[k] < found) {
                found = next_at[k];
                opener_length = kOpeners[k].size();
            }
        }
        if (found == std::string::npos) {
            out.append(svg, position, std::string::npos);
            break;
        }
        std::size_t start = found + opener_length;
        out.append(svg, position, start - position);
        std::size_t letters_end = start;
        while (letters_end < svg.size() && std::isalpha(static_cast<unsigned char>(svg[letters_end]))) ++letters_end;
        std::size_t digits_end = letters_end;
        while (digits_end < svg.size() && std::isdigit(static_cast<unsigned char>(svg[digits_end]))) ++digits_end;
        if (letters_end == start || digits_end == letters_end) {
            position = start;
            continue;
        }
        std::string letters = svg.substr(start, letters_end - start);
        std::string number = svg.substr(letters_end, digits_end - letters_end);
        auto [it, inserted] = renamed.try_emplace({letters, number});
        if (inserted) it->second = std::to_string(next_number[letters]++);
        out += letters;
        out += it->second;
        position = digits_end;
    }
    return out;
}

}  // namespace regiomap::render
