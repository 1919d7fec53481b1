"""The GeoPandas side of tools/bench: assign every municipality to the region
of largest overlap in every boundary layer and compute the per-municipality
partners U, shared partners I and tables T over zorgkantoor, GGD and youth care,
as a GeoPandas user who knows the library would: the spatial index gives the
candidate pairs (predicate 'intersects'), and only those pairs are intersected
(vectorised through shapely 2), instead of `overlay`, which builds every piece
with its attributes. Prints its timings."""
import json
import sys
import time
from pathlib import Path

import fiona
import geopandas as gpd
import pandas as pd

fiona.drvsupport.supported_drivers["TopoJSON"] = "r"  # GDAL reads it; fiona lists it only for writing drivers it knows


def read(path, code_field):
    frame = gpd.read_file(path)
    frame = frame.set_crs(28992, allow_override=True)  # the CBS TopoJSON files declare no CRS
    return frame[[code_field, "geometry"]].rename(columns={code_field: "code"})


def intersecting_pairs(regions, municipalities):
    """(municipality positions, region positions) of every pair whose shapes intersect."""
    index = regions.sindex
    # GeoPandas 0.12 (Debian 12) has query_bulk; later versions take an array in query.
    query = index.query_bulk if hasattr(index, "query_bulk") else index.query
    municipality_positions, region_positions = query(municipalities.geometry, predicate="intersects")
    return municipality_positions, region_positions


def largest_overlap(municipalities, regions):
    municipality_positions, region_positions = intersecting_pairs(regions, municipalities)
    overlap = municipalities.geometry.values[municipality_positions].intersection(
        regions.geometry.values[region_positions]).area
    pairs = pd.DataFrame({"municipality": municipality_positions, "region": region_positions, "overlap": overlap})
    best = pairs.loc[pairs.groupby("municipality")["overlap"].idxmax()]
    return pd.DataFrame({"municipality_code": municipalities["code"].values[best["municipality"].values],
                         "region_code": regions["code"].values[best["region"].values]})


def main(manifest_path, memberships_csv, scores_csv):
    manifest = json.loads(Path(manifest_path).read_text())
    folder = Path(manifest_path).parent
    start = time.perf_counter()
    municipalities = read(folder / manifest["municipalities"]["file"], manifest["municipalities"]["code_field"])
    layers = {
        layer["id"]: read(folder / layer["file"], layer["code_field"])
        for layer in manifest["layers"]
        if layer["given_as"] == "boundaries"
    }
    read_ms = 1000 * (time.perf_counter() - start)

    start = time.perf_counter()
    memberships = []
    for layer_id, regions in layers.items():
        best = largest_overlap(municipalities, regions)
        best["layer"] = layer_id
        memberships.append(best)
    memberships = pd.concat(memberships, ignore_index=True)
    assign_ms = 1000 * (time.perf_counter() - start)

    start = time.perf_counter()
    chosen = memberships[memberships["layer"].isin(["zorgkantoor", "ggd", "jeugdregio"])]
    pairs = chosen.merge(chosen, on=["layer", "region_code"], suffixes=("", "_other"))
    pairs = pairs[pairs["municipality_code"] != pairs["municipality_code_other"]]
    shared = pairs.groupby(["municipality_code", "municipality_code_other"]).size().rename("layers").reset_index()
    u = shared.groupby("municipality_code").size().rename("u")
    i = shared[shared["layers"] == 3].groupby("municipality_code").size().rename("i")
    member_sets = chosen.groupby(["layer", "region_code"])["municipality_code"].apply(
        lambda codes: ",".join(sorted(codes))).rename("member_set").reset_index()
    t = chosen.merge(member_sets, on=["layer", "region_code"]).groupby("municipality_code")["member_set"].nunique().rename("t")
    scores = pd.concat([u, i, t], axis=1).fillna(0).astype(int).reindex(municipalities["code"]).fillna(0)
    scores_ms = 1000 * (time.perf_counter() - start)

    memberships[["municipality_code", "layer", "region_code"]].to_csv(memberships_csv, index=False)
    scores.astype(int).rename_axis("municipality_code").reset_index()[["municipality_code", "u", "i", "t"]].to_csv(
        scores_csv, index=False)
    print(f"geopandas read_ms={read_ms:.1f} assign_ms={assign_ms:.1f} scores_ms={scores_ms:.1f} "
          f"municipalities={len(municipalities)} layers={len(layers)}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
